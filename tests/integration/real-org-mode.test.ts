import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { decodeJwt } from "jose"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { otherPrivateKeyPem } from "../_helpers/assertions"
import { callbackParams, runAuthorize, TestBrowser } from "../_helpers/browser"
import { createTestOrg, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/**
 * The site's own flow code in real-org mode: SALESFORCE_LOGIN_URL names another Salesforce-compatible
 * server (an embedded org on a loopback port), reached over real HTTP with the operator's
 * credentials. No emulator-only branch is involved: this is the path a real org takes.
 */
const SITE = "http://localhost:3999"
let t: TestOrg
let server: { origin: string; close: () => Promise<void> }
const saved = { ...process.env }

beforeAll(async () => {
  const key = otherPrivateKeyPem()
  const app = {
    clientId: "3MVG9RealOrgModeClient",
    clientSecret: "REAL-ORG-MODE-SECRET",
    privateKeyPem: key,
  }
  server = await serve((req) => t.org.handle(req))
  t = await createTestOrg({
    baseUrl: `${server.origin}/emulator`,
    app,
    now: Date.now,
    callbackUrls: [`${SITE}/flows/web-server/callback`, `${SITE}/flows/user-agent/callback`],
  })
  Object.assign(process.env, {
    SALESFORCE_LOGIN_URL: `${server.origin}/emulator/`,
    SALESFORCE_CLIENT_ID: app.clientId,
    SALESFORCE_CLIENT_SECRET: app.clientSecret,
    SALESFORCE_PRIVATE_KEY: key.replace(/\n/g, "\\n"),
    SALESFORCE_USERNAME: "admin@example.com",
    NEXTAUTH_URL: SITE,
    NEXTAUTH_SECRET: "a-test-secret-of-at-least-32-characters!!",
    SALESFORCE_LAB_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-site-")),
  })
})

afterAll(async () => {
  process.env = saved
  t.close()
  await server.close()
})

const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]).join("; ")

describe("the site's flows against a real org's login URL", () => {
  it("JWT Bearer signs for the configured username, with aud = the login URL, and opens a session", async () => {
    const { runJwtBearer } = await import("@/lib/flows/jwt-bearer")
    const { readSession } = await import("@/lib/auth/session-cookie")
    const r = await runJwtBearer("admin@example.com")
    expect(r.location).toBe("/inspector")
    const session = await readSession(cookieHeader(r.cookies))
    expect(session).toMatchObject({
      flow: "jwt-bearer",
      loginUrl: `${server.origin}/emulator`,
      user: { username: "admin@example.com", displayName: "Ada Admin" },
    })
    const { inspectorView } = await import("@/lib/inspector/inspector-view")
    const { orgConnection } = await import("@/lib/org/connection")
    expect(
      (await inspectorView(session!, await orgConnection())).verifications.signature.status,
    ).toBe("absent")
    const claims = decodeJwt(session!.assertion!)
    expect(claims).toMatchObject({
      iss: "3MVG9RealOrgModeClient",
      sub: "admin@example.com",
      aud: `${server.origin}/emulator`,
    })
    expect(claims.exp! - claims.iat!).toBe(180)
    expect(session!.tokens.accessToken).toMatch(/^00D5g0000LABORG!/)
  })

  it("never signs for a username the operator did not configure (no impersonation)", async () => {
    const { runJwtBearer } = await import("@/lib/flows/jwt-bearer")
    const { unsealCookie } = await import("@/lib/auth/sealed-cookie")
    const r = await runJwtBearer("demo@example.com")
    expect(r.location).toBe("/flows/error")
    const failure = await unsealCookie(cookieHeader(r.cookies), "sfl_error", "flow error")
    expect(failure).toMatchObject({ code: "USERNAME_NOT_ALLOWED" })
  })

  it("Web Server flow: start, authorize at the org, callback, code exchange with PKCE, id_token and signature verified", async () => {
    const { startWebServer, finishWebServer } = await import("@/lib/flows/web-server")
    const { readSession } = await import("@/lib/auth/session-cookie")
    const start = await startWebServer()
    const authorize = new URL(start.location)
    expect(authorize.origin + authorize.pathname).toBe(
      `${server.origin}/emulator/services/oauth2/authorize`,
    )
    const run = await runAuthorize(
      new TestBrowser(t),
      t,
      Object.fromEntries(authorize.searchParams),
    )
    expect(callbackParams(run.location!).get("state")).toBe(authorize.searchParams.get("state"))
    const done = await finishWebServer(new URL(run.location!), cookieHeader(start.cookies))
    expect(done.location).toBe("/inspector")
    const sessionCookie = done.cookies.find((c) => c.startsWith("next-auth.session-token="))!
    // The whole Web Server session (tokens, id_token) stays well inside one 4 KB cookie.
    expect(sessionCookie.split(";")[0]!.length).toBeLessThan(3900)
    const session = await readSession(cookieHeader([sessionCookie]))
    expect(session).toMatchObject({ flow: "web-server", user: { username: "demo@example.com" } })
    const { inspectorView } = await import("@/lib/inspector/inspector-view")
    const { orgConnection } = await import("@/lib/org/connection")
    const { verifications } = await inspectorView(session!, await orgConnection())
    expect(verifications.signature.status).toBe("pass")
    expect(verifications.idToken.status).toBe("pass")
    expect(session!.tokens.refreshToken).toBeTruthy()

    // The inspector's actions on the same session, over the network: query, refresh, revoke.
    const { runInspectorAction } = await import("@/lib/inspector/actions")
    const { readFacts, readTranscript } = await import("@/lib/transcript/store")
    const jar = cookieHeader([sessionCookie])
    expect(
      (await runInspectorAction("api-query", { q: "SELECT Id, Name FROM Account LIMIT 2" }, jar))
        .location,
    ).toBe("/inspector#api")
    const refreshed = await runInspectorAction("refresh", {}, jar)
    const after = await readSession(
      cookieHeader(refreshed.cookies.filter((c) => !/Max-Age=0/.test(c))),
    )
    expect(after!.tokens.accessToken).not.toBe(session!.tokens.accessToken)
    const revoked = await runInspectorAction(
      "revoke-refresh",
      {},
      cookieHeader(refreshed.cookies.filter((c) => !/Max-Age=0/.test(c))),
    )
    expect(
      (await readSession(cookieHeader(revoked.cookies.filter((c) => !/Max-Age=0/.test(c)))))!
        .revoked?.kind,
    ).toBe("refresh_token")

    const steps = readTranscript(session!.transcriptId).flatMap((e) =>
      e.kind === "exchange" ? [`${e.exchange.step} ${e.exchange.status}`] : [],
    )
    expect(steps).toEqual([
      "exchange the code 200",
      "fetch the org's signing keys 200",
      "read the identity URL 200",
      "read userinfo 200",
      "introspect the token 200",
      "Call the API: SOQL query 200",
      "refresh the access token 200",
      // The refreshed id_token is verified before the session keeps it (OIDC Core §12.2).
      "fetch the org's signing keys 200",
      "introspect the token 200",
      "revoke the token 200",
    ])
    const stored = JSON.stringify([
      readTranscript(session!.transcriptId),
      readFacts(session!.transcriptId),
    ])
    for (const secret of [
      "REAL-ORG-MODE-SECRET",
      session!.tokens.accessToken,
      session!.tokens.refreshToken!,
      after!.tokens.accessToken,
    ])
      expect(stored).not.toContain(secret)
  })
})
