import { csrfIn, TestBrowser } from "./browser"
import type { TestOrg } from "./org"

export const DEMO = { username: "demo@example.com", password: "demo1234" }

/** Step 1 of the Device flow against a test org: `response_type=device_code` at the token endpoint. */
export function requestDeviceCode(
  t: TestOrg,
  extra: Record<string, string> = {},
  url = "/services/oauth2/token",
) {
  return t.call(url, {
    form: { response_type: "device_code", client_id: t.org.credentials.clientId, ...extra },
  })
}

/** Step 2: one poll with `grant_type=device`. */
export function pollDevice(t: TestOrg, code: string, extra: Record<string, string> = {}) {
  return t.call("/services/oauth2/token", {
    form: { grant_type: "device", client_id: t.org.credentials.clientId, code, ...extra },
  })
}

/** A browser logged in to the org, as a person opening the verification page would be. */
export async function loggedInBrowser(t: TestOrg, user = DEMO): Promise<TestBrowser> {
  const b = new TestBrowser(t)
  const login = await b.get("/login")
  await b.post("/login", {
    _csrf: csrfIn(await login.text()),
    startURL: "/",
    username: user.username,
    password: user.password,
  })
  return b
}

/** Types `userCode` on the verification page: the answer page (consent, or the form with its error). */
export async function enterCode(b: TestBrowser, userCode: string): Promise<Response> {
  const page = await b.get("/setup/connect")
  return b.post("/setup/connect", { _csrf: csrfIn(await page.text()), user_code: userCode })
}

/** Enters the code and answers *Allow* or *Deny*: the final page. */
export async function answerDevice(
  b: TestBrowser,
  userCode: string,
  decision: "allow" | "deny",
): Promise<Response> {
  const consent = await enterCode(b, userCode)
  const html = await consent.text()
  if (!html.includes("Allow Access?")) throw new Error(`no consent page: ${consent.status}`)
  return b.post("/setup/connect/decision", {
    _csrf: csrfIn(html),
    user_code: userCode,
    decision,
  })
}
