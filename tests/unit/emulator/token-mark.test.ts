import { afterEach, expect, it } from "vitest"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

let t: TestOrg | undefined
afterEach(() => t?.close())

async function tokensOf(tokenMark?: string) {
  t = await createTestOrg({ tokenMark })
  const { clientId, clientSecret } = t.org.credentials
  const run = await runAuthorize(new TestBrowser(t), t, {
    response_type: "code",
    client_id: clientId,
    redirect_uri: WEB_CALLBACK,
    scope: "api refresh_token",
    state: "s",
  })
  const res = await t.call("/services/oauth2/token", {
    form: {
      grant_type: "authorization_code",
      code: callbackParams(run.location!).get("code")!,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: WEB_CALLBACK,
    },
  })
  const body = await jsonOf(res)
  const userinfo = await t.call("/services/oauth2/userinfo", {
    headers: { authorization: `Bearer ${body.access_token}` },
  })
  expect(userinfo.status).toBe(200)
  return body as { access_token: string; refresh_token: string }
}

it("F-17 a token mark (leak canary) sits in every access and refresh token, which keep Salesforce's shape and work", async () => {
  const marked = await tokensOf("LeakCanary1234")
  expect(marked.access_token).toMatch(/^00D5g0000LABORG!AQLeakCanary1234[\w.]{90,}$/)
  expect(marked.refresh_token).toMatch(/^5Aep861LeakCanary1234[\w.]{70,}$/)
})

it("without a mark, tokens hold no fixed text after Salesforce's prefixes", async () => {
  const a = await tokensOf()
  t!.close()
  const b = await tokensOf()
  expect(a.access_token.slice(0, 22)).not.toBe(b.access_token.slice(0, 22))
  expect(a.access_token).not.toContain("LeakCanary")
})
