import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { applyOrgPatch, type OrgPatch } from "@/lib/emulator/store/org-patch"
import { csrfIn, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, UA_CALLBACK, type TestOrg } from "../../_helpers/org"

// The consent page is a step of the authorize request, not a way around it: posting *Allow* for a
// parked request runs the same policy checks as resuming it (docs/fidelity.md, F-170 to F-181), and
// a request the org refused is gone.
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const abs = (l: string) => new URL(l, t.base).toString()

/** Parks a User-Agent request, logs the demo user in, and returns the request id and the browser. */
async function parkedAndLoggedIn() {
  const b = new TestBrowser(t)
  const params = {
    response_type: "token",
    client_id: t.org.credentials.clientId,
    redirect_uri: UA_CALLBACK,
    scope: "api",
    state: "s",
  }
  const toLogin = (
    await b.get(`/services/oauth2/authorize?${new URLSearchParams(params)}`)
  ).headers.get("location")!
  const startURL = new URL(toLogin, t.base).searchParams.get("startURL")!
  const id = new URL(startURL, t.base).searchParams.get("request")!
  const page = await (await b.get(abs(toLogin))).text()
  const login = await b.post("/login", {
    _csrf: csrfIn(page),
    startURL,
    username: "demo@example.com",
    password: "demo1234",
  })
  return { b, id, resume: abs(login.headers.get("location")!) }
}

const cases: [string, OrgPatch, string][] = [
  [
    "admin approved users only",
    { settings: { appPolicy: "admin-approved" } },
    "invalid_app_access",
  ],
  ["a high-assurance session", { app: { highAssurance: true } }, "invalid_session_level"],
]

describe("POST /consent for a request the org refuses", () => {
  for (const [policy, patch, error] of cases) {
    it(`F-170 F-181 (${policy}) answers the refusal, never tokens, and the request is gone`, async () => {
      applyOrgPatch(t.org.ctx.db, t.org.credentials.clientId, patch)
      const { b, id } = await parkedAndLoggedIn()
      const home = await (await b.get(abs("/emulator/"))).text()
      const allow = await b.post("/consent", {
        _csrf: csrfIn(home),
        request: id,
        decision: "allow",
      })
      const location = allow.headers.get("location") ?? ""
      expect(location).not.toContain("access_token=")
      expect(location).toContain(`error=${error}`)
      // Refused once, refused for good: the parked request cannot be tried again.
      const again = await b.post("/consent", {
        _csrf: csrfIn(home),
        request: id,
        decision: "allow",
      })
      expect(again.headers.get("location") ?? "").not.toContain("access_token=")
      expect(again.status).toBe(400)
    })
  }

  it("F-179 a user frozen between the login and the consent gets no token", async () => {
    const { b, id, resume } = await parkedAndLoggedIn()
    const consent = await b.get(resume)
    expect(consent.headers.get("location")).toContain("/consent?request=")
    const page = await (await b.get(abs(consent.headers.get("location")!))).text()
    applyOrgPatch(t.org.ctx.db, t.org.credentials.clientId, {
      users: { "demo@example.com": { frozen: true } },
    })
    const allow = await b.post("/consent", { _csrf: csrfIn(page), request: id, decision: "allow" })
    expect(allow.headers.get("location") ?? "").toContain("error=inactive_user")
  })
})
