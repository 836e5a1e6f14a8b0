import { expect, test } from "@playwright/test"
import { ORG } from "./_helpers/org"

const ROUTES = [
  "/",
  "/flows/web-server",
  "/flows/user-agent",
  "/flows/jwt-bearer",
  "/flows/device",
  "/flows/error",
  "/inspector",
  "/setup",
  "/setup/keys",
  "/errors",
  "/diagnose",
  "/flows/web-server/start",
  "/flows/web-server/callback",
  "/flows/user-agent/start",
  "/flows/user-agent/complete",
  "/flows/user-agent/callback",
  "/flows/jwt-bearer/start",
  "/flows/device/start",
  "/flows/device/poll",
  "/flows/sign-out",
  "/inspector/actions",
  "/inspector/reveal",
  "/setup/check",
  "/setup/keys/check",
  "/diagnose/paste",
  "/diagnose/scenario",
  "/api/auth/session",
  "/api/auth/csrf",
  "/api/auth/signin",
  "/api/auth/signout",
  `${ORG}/`,
  `${ORG}/login`,
  `${ORG}/consent`,
  `${ORG}/resume`,
  `${ORG}/settings`,
  `${ORG}/setup/connect`,
  `${ORG}/secur/logout.jsp`,
  `${ORG}/services/oauth2/authorize`,
  `${ORG}/services/oauth2/token`,
  `${ORG}/services/oauth2/revoke`,
  `${ORG}/services/oauth2/introspect`,
  `${ORG}/services/oauth2/userinfo`,
  `${ORG}/id/keys`,
  `${ORG}/id/00Dx/005x`,
  `${ORG}/services/data/v66.0/query`,
  `${ORG}/_lab/scenarios/user-agent-blocked/break`,
]

const GARBAGE_QUERY = `?%%=%&state=%ZZ&code=%00&client_id=${"x".repeat(3000)}&redirect_uri=javascript:alert(1)&response_type=code&response_type=token`
const BODIES: [string, string][] = [
  ["application/json", "{bad json"],
  ["application/x-www-form-urlencoded", "%%%=&&grant_type=%E0%A4%A&token=\u0000"],
  ["text/plain", "\u00ff\u00fe garbage"],
]

test("C-71 S-95 bad input on every route of the site and the embedded org gets a clear answer, never a 5xx", async ({
  request,
  baseURL,
}) => {
  const failures: string[] = []
  for (const route of ROUTES) {
    for (const method of ["GET", "POST"] as const) {
      for (const [type, body] of method === "GET" ? [["", ""] as [string, string]] : BODIES) {
        const res = await request.fetch(`${route}${GARBAGE_QUERY}`, {
          method,
          headers: { origin: new URL(baseURL!).origin, ...(type ? { "content-type": type } : {}) },
          data: method === "POST" ? body : undefined,
          maxRedirects: 0,
        })
        if (res.status() >= 500)
          failures.push(`${method} ${route} (${type || "no body"}) → ${res.status()}`)
      }
    }
  }
  expect(failures).toEqual([])
})

test("C-71 S-95 a method a URL does not take gets 405 with Allow and a JSON reason, on pages, routes and the org alike", async ({
  request,
}) => {
  const cases: [string, string, string][] = [
    ["PUT", "/", "GET, HEAD, POST"],
    ["OPTIONS", "/inspector", "GET, HEAD, POST"],
    ["DELETE", "/flows/jwt-bearer/start", "GET, HEAD, POST"],
    ["GET", "/flows/jwt-bearer/start", "POST"],
    ["GET", "/inspector/reveal", "POST"],
    ["POST", "/flows/web-server/callback", "GET, HEAD"],
    ["POST", "/api/health", "GET, HEAD"],
    ["PATCH", `${ORG}/login`, "GET, POST"],
  ]
  for (const [method, path, allow] of cases) {
    const res = await request.fetch(path, { method, maxRedirects: 0 })
    expect(res.status(), `${method} ${path}`).toBe(405)
    expect(res.headers()["allow"], `${method} ${path}`).toBe(allow)
    const body = (await res.json()) as
      { error?: string; error_description?: string } | { errorCode: string; message: string }[]
    const reason = Array.isArray(body) ? body[0]!.message : body.error_description!
    expect(reason, `${method} ${path}`).toContain(method)
  }
})
