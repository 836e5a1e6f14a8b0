import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { renderToStaticMarkup } from "react-dom/server"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { ConfigError } from "@/lib/config/errors"
import { parseConfig } from "@/lib/config/env"

/**
 * A site configured for a real org without its private key (docs/security.md, C-53, the
 * GHSA-8fpg-xm3f-6cx3 regression: a configuration error must never read as "signed in"), and the
 * transport settings refused at boot (C-49).
 */
// The flow error page reads its sealed cookie from the request: one is there, as after a failed flow.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie: "sfl_error=sealed-by-another-configuration" }),
}))

const saved = { ...process.env }
beforeAll(() => {
  Object.assign(process.env, {
    SALESFORCE_LOGIN_URL: "https://login.salesforce.com",
    SALESFORCE_CLIENT_ID: "3MVG9NoKey",
    SALESFORCE_CLIENT_SECRET: "NO-KEY-SECRET",
    SALESFORCE_PRIVATE_KEY: "",
    SALESFORCE_PRIVATE_KEY_FILE: "",
    SALESFORCE_USERNAME: "admin@example.com",
    NEXTAUTH_URL: "http://localhost:3998",
    NEXTAUTH_SECRET: "a-misconfigured-secret-of-32-characters!",
    SALESFORCE_LAB_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-nokey-")),
  })
})
afterAll(() => {
  process.env = saved
})

const problems = (env: Record<string, string>) => {
  try {
    parseConfig(env)
    return []
  } catch (e) {
    return (e as ConfigError).problems
  }
}

describe("a real org without a private key", () => {
  it("C-53 is reported as a configuration problem naming the variable", () => {
    expect(problems(process.env as Record<string, string>)).toEqual([
      "a real org (SALESFORCE_LOGIN_URL is set) needs SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE",
    ])
  })

  it("C-53 every state-changing route answers a 303 to /setup (never a 500), and nothing reads as a session", async () => {
    const routes = [
      ["/flows/jwt-bearer/start", await import("@/app/flows/jwt-bearer/start/route")],
      ["/flows/web-server/start", await import("@/app/flows/web-server/start/route")],
      ["/flows/user-agent/start", await import("@/app/flows/user-agent/start/route")],
      ["/flows/user-agent/complete", await import("@/app/flows/user-agent/complete/route")],
      ["/flows/device/start", await import("@/app/flows/device/start/route")],
      ["/flows/device/poll", await import("@/app/flows/device/poll/route")],
      ["/flows/sign-out", await import("@/app/flows/sign-out/route")],
      ["/inspector/actions", await import("@/app/inspector/actions/route")],
      ["/inspector/reveal", await import("@/app/inspector/reveal/route")],
    ] as const
    for (const [path, route] of routes) {
      const res = await route.POST(
        new Request(`http://localhost:3998${path}`, {
          method: "POST",
          headers: {
            origin: "http://localhost:3998",
            "content-type": "application/x-www-form-urlencoded",
            cookie: "next-auth.session-token=garbage",
          },
          body: "username=admin%40example.com&action=refresh",
        }),
      )
      expect(res.status).toBe(303)
      expect(res.headers.get("location")).toBe("/setup")
      expect(res.headers.getSetCookie()).toEqual([])
    }
    const { readSession } = await import("@/lib/auth/session-cookie")
    const { runInspectorAction } = await import("@/lib/inspector/actions")
    const { revealField } = await import("@/lib/inspector/reveal")
    for (const cookie of [
      "next-auth.session-token=garbage",
      "",
      "next-auth.session-token=eyJhbGciOiJub25lIn0.eyJsYWIiOnt9fQ.",
    ]) {
      expect(await readSession(cookie)).toBeUndefined()
      expect(await revealField("access_token", cookie)).toBeUndefined()
      expect(await runInspectorAction("refresh", {}, cookie)).toEqual({
        location: "/inspector",
        cookies: [],
      })
    }
  })
})

describe("a real org without a private key, the GET side", () => {
  it("C-53 the GET callbacks answer a 303 to /setup (never a 500) and set no cookie", async () => {
    const callbacks = [
      ["/flows/web-server/callback", await import("@/app/flows/web-server/callback/route")],
      [
        "/flows/token-exchange/idp-callback",
        await import("@/app/flows/token-exchange/idp-callback/route"),
      ],
    ] as const
    for (const [path, route] of callbacks) {
      const res = await route.GET(
        new Request(`http://localhost:3998${path}?state=s&code=c`, {
          headers: { cookie: "sfl_ws=garbage; sfl_tx=garbage" },
        }),
      )
      expect(res.status, path).toBe(303)
      expect(res.headers.get("location"), path).toBe("/setup")
      expect(res.headers.getSetCookie(), path).toEqual([])
    }
  })

  it("C-53 the flow error page lists the configuration problems instead of a 500", async () => {
    const { default: Page } = await import("@/app/flows/error/page")
    const body = renderToStaticMarkup(await Page())
    expect(body).toContain("The configuration needs fixing")
    expect(body).toContain("needs SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE")
  })

  it("C-53 /setup, where every misconfigured route sends the browser, and /diagnose render instead of a 500", async () => {
    const { default: Setup } = await import("@/app/setup/page")
    const setup = renderToStaticMarkup(await Setup())
    expect(setup).toContain("Setup assistant</h1>")
    expect(setup).toContain("The configuration has problems (below).")
    const { default: Diagnose } = await import("@/app/diagnose/page")
    const diagnose = renderToStaticMarkup(await Diagnose())
    expect(diagnose).toContain("Paste what you got")
    expect(diagnose).toContain("Reproducing needs the embedded org")
  })
})

describe("transport settings", () => {
  const real = {
    SALESFORCE_LOGIN_URL: "https://login.salesforce.com",
    SALESFORCE_CLIENT_ID: "id",
    SALESFORCE_CLIENT_SECRET: "s",
    SALESFORCE_PRIVATE_KEY_FILE: __filename,
  }

  it("C-49 a token endpoint over http off this machine, or TLS checks turned off against a real org, is refused at boot", () => {
    expect(
      problems({ ...real, SALESFORCE_LOGIN_URL: "http://login.salesforce.com" }).join(" "),
    ).toMatch(/SALESFORCE_LOGIN_URL must use https/)
    expect(
      problems({ ...real, SALESFORCE_LOGIN_URL: "http://192.168.1.10/emulator" }).join(" "),
    ).toMatch(/must use https/)
    expect(problems({ ...real, NODE_TLS_REJECT_UNAUTHORIZED: "0" }).join(" ")).toMatch(
      /NODE_TLS_REJECT_UNAUTHORIZED=0/,
    )
    expect(problems({ ...real, NODE_TLS_REJECT_UNAUTHORIZED: "1" }).join(" ")).not.toMatch(
      /NODE_TLS_REJECT_UNAUTHORIZED/,
    )
  })
})
