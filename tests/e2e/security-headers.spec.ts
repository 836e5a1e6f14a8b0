// Over 200 lines: one spec for every header and cookie rule, sharing a second (https) server.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { expect, test, type APIResponse } from "@playwright/test"
import type { RunningSite } from "../../scripts/next-server.mjs"
import { nextServer } from "./_helpers/next-server"
import { signInWebServer } from "./_helpers/flows"
import { ORG, resetOrg } from "./_helpers/org"
import { OPENABLE_PAGES, SCRIPT_FREE_PAGES } from "./_helpers/script-free"

// Issue 6 item 2; docs/security.md, C-21, C-56, C-73, S-13.

const SITE_PAGES = [
  "/",
  "/flows/web-server",
  "/flows/user-agent",
  "/flows/jwt-bearer",
  "/flows/device",
  "/flows/error",
  "/flows/user-agent/callback",
  "/inspector",
  "/setup",
  "/setup/keys",
  "/errors",
  "/errors/invalid-client-id",
  "/diagnose",
  "/no-such-page",
]
const SITE_OTHER: { method: "GET" | "POST"; path: string }[] = [
  { method: "GET", path: "/api/auth/session" },
  { method: "GET", path: "/api/auth/csrf" },
  { method: "GET", path: "/flows/web-server/callback?code=x&state=y" },
  { method: "POST", path: "/flows/jwt-bearer/start" },
  { method: "POST", path: "/flows/device/poll" },
  { method: "POST", path: "/inspector/reveal" },
  { method: "GET", path: "/icon.svg" },
]
const ORG_ROUTES = [
  `${ORG}/login`,
  `${ORG}/services/oauth2/authorize?response_type=code&client_id=nope`,
  `${ORG}/services/oauth2/token`,
  `${ORG}/services/oauth2/userinfo`,
  `${ORG}/.well-known/openid-configuration`,
  `${ORG}/id/keys`,
  `${ORG}/no-such-page`,
]

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  )
}

/** The headers every response carries, site or org (OWASP HTTP headers cheat sheet). */
function expectBaseline(res: APIResponse, where: string) {
  const h = res.headers()
  expect(h["x-content-type-options"], where).toBe("nosniff")
  // No Referer leaves the site; the callbacks send none at all (C-21).
  expect(h["referrer-policy"], where).toBe(
    where.startsWith(ORG) || /\/flows\/(web-server|user-agent)\/callback/.test(where)
      ? "no-referrer"
      : "same-origin",
  )
  expect(h["permissions-policy"], where).toMatch(/camera=\(\)/)
  expect(h["x-frame-options"], where).toBe("DENY")
  // The site's windows open in their own browsing context group (C-73, below), but for the pages
  // that show nothing of anyone's flow; the org sets its own.
  if (!where.startsWith(ORG))
    expect(h["cross-origin-opener-policy"], where).toBe(
      OPENABLE_PAGES.includes(where) ? undefined : "same-origin",
    )
  expect(res.status(), where).toBeLessThan(500)
}

/** A CSP that allows no inline script without the nonce, nothing from another origin, no framing. */
function expectStrictPolicy(csp: string | undefined, where: string): string | undefined {
  expect(csp, where).toBeTruthy()
  const d = directives(csp!)
  expect(d.get("frame-ancestors"), where).toEqual(["'none'"])
  expect(d.get("object-src") ?? d.get("default-src"), where).toEqual(["'none'"])
  expect(d.get("base-uri"), where).toEqual(["'none'"])
  const scripts = d.get("script-src") ?? d.get("default-src")!
  for (const source of scripts)
    expect(source, `${where}: script-src ${source}`).toMatch(
      /^('self'|'none'|'strict-dynamic'|'nonce-[A-Za-z0-9+/=]{16,}')$/,
    )
  expect(scripts, where).not.toContain("'unsafe-inline'")
  for (const [name, values] of d) {
    for (const v of values) expect(v, `${where}: ${name} allows ${v}`).toMatch(/^('[^']+'|data:)$/)
  }
  return scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1)
}

test.describe("security headers", () => {
  test("C-21 C-73 every page of the site: strict nonce CSP, no framing, nosniff, Referrer-Policy, and each script carries this response's nonce", async ({
    request,
  }) => {
    for (const p of SITE_PAGES) {
      const res = await request.get(p)
      expectBaseline(res, p)
      const nonce = expectStrictPolicy(res.headers()["content-security-policy"], p)
      expect(nonce, p).toBeTruthy()
      const html = await res.text()
      const scripts = html.match(/<script\b[^>]*>/g) ?? []
      // The pages that work without JavaScript are sent without it (tests/e2e/script-free.spec.ts).
      if (SCRIPT_FREE_PAGES.includes(p)) expect(scripts, p).toEqual([])
      else expect(scripts.length, p).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag, p).toContain(`nonce="${nonce}"`)
      expect(res.headers()["cache-control"], p).toMatch(/no-store/)
    }
  })

  test("C-73 the nonce is fresh on every response", async ({ request }) => {
    const nonces = new Set<string>()
    for (let i = 0; i < 5; i++)
      nonces.add(
        /'nonce-([^']+)'/.exec((await request.get("/")).headers()["content-security-policy"]!)![1]!,
      )
    expect(nonces.size).toBe(5)
  })

  test("C-73 route handlers, API routes and static files carry the same headers", async ({
    request,
  }) => {
    // The inspector has client components, so its page loads Next.js's scripts (the chooser none).
    const html = await (await request.get("/inspector")).text()
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!
    for (const { method, path: p } of [...SITE_OTHER, { method: "GET" as const, path: asset }]) {
      const res =
        method === "GET"
          ? await request.get(p, { maxRedirects: 0 })
          : await request.post(p, { maxRedirects: 0 })
      expectBaseline(res, `${method} ${p}`)
      if (!p.startsWith("/_next/static/"))
        expectStrictPolicy(res.headers()["content-security-policy"], p)
    }
  })

  test("S-13 every response of the embedded org: no script at all, no framing, nosniff, no-referrer", async ({
    request,
  }) => {
    for (const p of ORG_ROUTES) {
      const res = await request.get(p, { maxRedirects: 0 })
      expectBaseline(res, p)
      const d = directives(res.headers()["content-security-policy"] ?? "")
      expect(d.get("default-src"), p).toEqual(["'none'"])
      expect(d.get("script-src"), p).toBeUndefined()
      expect(d.get("frame-ancestors"), p).toEqual(["'none'"])
    }
  })

  test("C-73 S-13 another origin cannot frame the site or the org's login page", async ({
    page,
    baseURL,
  }) => {
    for (const p of ["/", "/inspector", `${ORG}/login`]) {
      const refusals: string[] = []
      page.on("console", (m) => {
        if (/frame-ancestors|X-Frame-Options/i.test(m.text())) refusals.push(m.text())
      })
      // An attacker's page (an opaque origin, not the site) framing the victim page.
      const src = p.startsWith("http") ? p : `${baseURL}${p}`
      await page.setContent(`<iframe id="victim" src="${src}"></iframe>`)
      const frame = await page
        .locator("#victim")
        .elementHandle()
        .then((h) => h!.contentFrame())
      // The browser says why it refused, and the frame holds none of the page.
      await expect.poll(() => refusals.length, { timeout: 10_000, message: p }).toBeGreaterThan(0)
      expect(await frame!.content().catch(() => ""), p).not.toMatch(/OAuth Lab|Log In/)
      page.removeAllListeners("console")
    }
  })

  test("C-73 a page of another origin that opens the site keeps no handle on its window (COOP same-origin)", async ({
    page,
    baseURL,
  }) => {
    // The opener: the embedded org's login page, another origin than the site's.
    await page.goto(`${ORG}/login`)
    for (const p of ["/inspector", "/flows/user-agent/callback", "/diagnose"]) {
      const [popup] = await Promise.all([
        page.waitForEvent("popup"),
        page.evaluate((url) => {
          ;(window as unknown as { opened: Window | null }).opened = window.open(url)
        }, `${baseURL}${p}`),
      ])
      await popup.waitForLoadState("domcontentloaded")
      // The site's page sees no opener, and the opener's handle reads as closed: no navigation
      // of the site's window, no frame counting, no postMessage to it (HTML standard, COOP).
      expect(await popup.evaluate(() => window.opener), p).toBeNull()
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { opened: Window }).opened.closed), {
          message: p,
        })
        .toBe(true)
      await popup.close()
    }
  })

  test("C-73 a page of another origin that opens a page showing nobody's flow holds its window only until a flow starts", async ({
    page,
    baseURL,
  }) => {
    await resetOrg(page)
    await page.goto(`${ORG}/login`)
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      page.evaluate((url) => {
        ;(window as unknown as { opened: Window | null }).opened = window.open(url)
      }, `${baseURL}/`),
    ])
    const closed = () =>
      page.evaluate(() => (window as unknown as { opened: Window }).opened.closed)
    // The chooser and the flow page are sent without COOP: the opener's handle stays open.
    await popup.waitForLoadState("domcontentloaded")
    await popup.getByRole("link", { name: "JWT Bearer flow" }).click()
    await expect(popup.getByRole("heading", { level: 1, name: "JWT Bearer flow" })).toBeVisible()
    expect(await closed()).toBe(false)
    // The first page that shows the flow's result sends COOP: the handle is cut there.
    await popup.getByLabel("Username").selectOption("admin@example.com")
    await popup.getByRole("button", { name: "Start" }).click()
    await expect(popup.getByRole("heading", { level: 1, name: "Token inspector" })).toBeVisible()
    await expect.poll(closed).toBe(true)
    expect(await popup.evaluate(() => window.opener)).toBeNull()
  })

  test("C-73 a page sent without scripts keeps COOP in every state that shows someone's flow", async ({
    page,
  }) => {
    await resetOrg(page)
    const coop = async (p: string) => {
      const res = await page.request.get(p)
      expect((await res.text()).match(/<script\b/g), p).toBeNull()
      return res.headers()["cross-origin-opener-policy"]
    }
    // Holding the lab identity provider's tokens, the Token Exchange page shows their claims.
    await page.goto("/flows/token-exchange")
    await page.getByRole("button", { name: "Sign in at the identity provider" }).click()
    await page.getByLabel("Username").fill("ext-demo@idp.example")
    await page.getByLabel("Password").fill("ext1234")
    await page.getByRole("button", { name: "Sign in" }).click()
    await expect(page.getByRole("heading", { name: "id_token claims" })).toBeVisible()
    expect(await coop("/flows/token-exchange")).toBe("same-origin")
    // Signed in, the chooser and the Asset Token page name the session's user.
    expect(await coop("/flows/asset-token")).toBeUndefined()
    await signInWebServer(page)
    for (const p of ["/", "/flows/asset-token"]) expect(await coop(p), p).toBe("same-origin")
    // The other flow pages show no session: they stay openable.
    expect(await coop("/flows/jwt-bearer")).toBeUndefined()
  })

  test("C-70 C-73 an injected inline script does not run, and the pages themselves raise no CSP violation", async ({
    page,
  }) => {
    const violations: string[] = []
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    await resetOrg(page)
    await signInWebServer(page)
    for (const p of ["/", "/flows/web-server", "/setup/keys", "/inspector"]) {
      await page.goto(p)
      await page.waitForLoadState("networkidle")
    }
    expect(violations).toEqual([])
    // The inspector's countdown is a client component: it runs, so the nonce reached Next's scripts.
    const countdown = page.getByText(/^expires in \d+h/).first()
    const before = await countdown.textContent()
    await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(before)
    // HTML injection, as a reflected payload would arrive (C-70): an inline event handler. The
    // browser must refuse it, and say so (the violation proves the handler was reached and blocked).
    await page.evaluate(() => {
      const div = document.createElement("div")
      div.innerHTML = '<img src="/no-such-image.png" onerror="window.__injected = true">'
      document.body.append(div)
    })
    await expect.poll(() => violations.length, { timeout: 5000 }).toBeGreaterThan(0)
    expect(
      await page.evaluate(
        () => (window as unknown as { __injected?: boolean }).__injected === true,
      ),
    ).toBe(false)
  })

  test("C-56 on http (development on loopback) every cookie is HttpOnly and SameSite, and no script can read one", async ({
    page,
  }) => {
    await resetOrg(page)
    await signInWebServer(page)
    const cookies = await page.context().cookies()
    expect(cookies.length).toBeGreaterThan(0)
    for (const c of cookies) {
      expect(c.httpOnly, c.name).toBe(true)
      expect(["Lax", "Strict"], c.name).toContain(c.sameSite)
    }
    expect(await page.evaluate(() => document.cookie)).toBe("")
  })
})

test.describe("on https", () => {
  let site: RunningSite
  let publicUrl: string
  test.beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-https-"))
    // The site believes it is served at https (as behind a TLS-terminating proxy); the test talks http.
    // At 127.0.0.1, the host fetch sends for site.url: the site answers no other (C-80).
    const { freePort, startSite } = await nextServer()
    const port = await freePort()
    publicUrl = `https://127.0.0.1:${port}`
    site = await startSite({ dataDir, port, publicUrl })
  })
  test.afterAll(async () => {
    await site?.stop()
  })

  /** Set-Cookie headers of one response, by cookie name. */
  const setCookies = (res: Response) =>
    new Map(res.headers.getSetCookie().map((c) => [c.slice(0, c.indexOf("=")), c]))

  function expectSecure(cookie: string) {
    expect(cookie).toMatch(/; HttpOnly(;|$)/i)
    expect(cookie).toMatch(/; Secure(;|$)/i)
    expect(cookie).toMatch(/; SameSite=(Lax|Strict)(;|$)/i)
    expect(cookie).not.toMatch(/; Domain=/i)
  }

  test("C-56 session, flow and CSRF cookies take __Secure-/__Host- names with Secure, HttpOnly, SameSite; HSTS is sent", async () => {
    const headers = { origin: publicUrl, "content-type": "application/x-www-form-urlencoded" }
    const jwt = await fetch(`${site.url}/flows/jwt-bearer/start`, {
      method: "POST",
      headers,
      body: "username=admin%40example.com",
      redirect: "manual",
    })
    expect(jwt.headers.get("location")).toBe("/inspector")
    const session = setCookies(jwt)
    const sessionCookie = session.get("__Secure-next-auth.session-token")
    expect(sessionCookie, [...session.keys()].join()).toBeTruthy()
    expectSecure(sessionCookie!)
    expect(sessionCookie).toContain("; Path=/")
    expect(
      [...session.keys()].every((n) => n.startsWith("__Secure-") || n.startsWith("__Host-")),
    ).toBe(true)

    const start = await fetch(`${site.url}/flows/web-server/start`, {
      method: "POST",
      headers,
      redirect: "manual",
    })
    const flow = setCookies(start)
    expect(flow.size).toBeGreaterThan(0)
    for (const [name, c] of flow) {
      expect(name).toMatch(/^__(Secure|Host)-/)
      expectSecure(c)
      expect(c).toMatch(/Max-Age=\d+/)
    }
    expect(start.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/)

    const csrf = setCookies(await fetch(`${site.url}/api/auth/csrf`))
    const nextAuthCsrf = csrf.get("__Host-next-auth.csrf-token")
    expect(nextAuthCsrf, [...csrf.keys()].join()).toBeTruthy()
    expectSecure(nextAuthCsrf!)

    // The embedded org's own cookies, on its login page. The org is served over plain http on
    // loopback (its own origin, 127.0.0.1), so they cannot be Secure; they are HttpOnly, SameSite
    // and host-only, on a host name the site's cookies (localhost or the public name) never share.
    const login = await fetch(`${site.orgUrl}/login`)
    expect(login.status).toBe(200)
    const orgCookies = setCookies(login)
    expect([...orgCookies.keys()]).toEqual(["org_csrf"])
    const orgCsrf = orgCookies.get("org_csrf")!
    expect(orgCsrf).toMatch(/; HttpOnly(;|$)/i)
    expect(orgCsrf).toMatch(/; SameSite=(Lax|Strict)(;|$)/i)
    expect(orgCsrf).not.toMatch(/; Domain=/i)
  })

  test("C-56 the CSP asks the browser to upgrade any http subresource", async () => {
    const csp = (await fetch(`${site.url}/`)).headers.get("content-security-policy") ?? ""
    expect(csp).toContain("upgrade-insecure-requests")
  })
})
