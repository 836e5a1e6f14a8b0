import { describe, expect, it } from "vitest"
import type { HttpExchange } from "@/lib/salesforce/http-exchange"
import { redactExchange, redactUrl } from "@/lib/transcript/redact"

/**
 * Secrets the recorder does not know yet (a token the org just issued, a code in a callback) must
 * still stay out of the transcript, wherever the exchange carries them and however the server
 * labels or encodes them (docs/security.md: "the transcript redacts secrets"; EF5: no code, token
 * or secret leaks). The SAML assertion's case: redact-saml-assertion.test.ts.
 */

const ACCESS = "00D5g0000LABORG!AQnewlyIssuedAccessToken0123456789abcdefghijkl"
const REFRESH = "5Aep861newlyIssuedRefreshToken0123456789ABCDEF"
const CODE = "aPrxNewCode0123456789abcdefghijKLMNOP"
const ID_TOKEN = "eyJraWQiOiIyNTAifQ.eyJzdWIiOiIwMDUifQ.aWQtdG9rZW4tc2lnbmF0dXJl"
const INSTANCE = "https://acme.my.salesforce.com"

const exchange = (over: Partial<HttpExchange>): HttpExchange => ({
  step: "s",
  method: "POST",
  url: "https://acme.my.salesforce.com/services/oauth2/token",
  requestHeaders: {},
  status: 200,
  durationMs: 1,
  startedAt: 0,
  ...over,
})

/** The exchange as the store keeps it, with no secret the test knows about in it. */
function stored(e: HttpExchange, ...secrets: string[]): string {
  const all = JSON.stringify(redactExchange(e, []))
  for (const s of secrets) {
    expect(all).not.toContain(s)
    expect(all).not.toContain(encodeURIComponent(s))
  }
  return all
}

describe("parameter names as the org and the site decode them", () => {
  it("a percent-encoded name (co%64e) is redacted in the URL, the redirect, and the body", () => {
    const url = `https://site.test/flows/web-server/callback?co%64e=${CODE}&state=st1`
    expect(new URL(url).searchParams.get("code")).toBe(CODE)
    expect(redactUrl(url, [])).not.toContain(CODE)
    expect(redactUrl(url, [])).toContain("&state=st1")
    const all = stored(
      exchange({
        url: `https://site.test/cb#access%5Ftoken=${encodeURIComponent(ACCESS)}&state=st2`,
        requestHeaders: { "content-type": "application/x-www-form-urlencoded" },
        requestBody: `grant_type=authorization_code&c%6Fde=${CODE}&code%5Fverifier=VERIFIER0123456789abc&client%5Fsecret=SECRETSECRET0123`,
      }),
      CODE,
      ACCESS,
      "VERIFIER0123456789abc",
      "SECRETSECRET0123",
    )
    expect(all).toContain("state=st2")
    // Each name as it was written, each value replaced once: Copy as curl gets one variable each.
    expect(JSON.parse(all).requestBody).toBe(
      "grant_type=authorization_code&c%6Fde=[REDACTED authorization_code aPrxNe…]&code%5Fverifier=[REDACTED code_verifier]&client%5Fsecret=[REDACTED client_secret]",
    )
  })

  it("a value with a malformed escape is redacted, not kept as sent", () => {
    const body = `grant_type=authorization_code&code=${CODE}%ZZ`
    expect(new URLSearchParams(body).get("code")).toBe(`${CODE}%ZZ`)
    stored(
      exchange({
        requestHeaders: { "content-type": "application/x-www-form-urlencoded" },
        requestBody: body,
      }),
      CODE.slice(8),
    )
  })
})

describe("URL-valued response headers", () => {
  it("redacts a token in a Location fragment, a code in a Location query, and parameters in Content-Location, Link and Refresh", () => {
    const fragment = `access_token=${encodeURIComponent(ACCESS)}&refresh_token=${REFRESH}&instance_url=${encodeURIComponent(INSTANCE)}&token_type=Bearer&state=st3`
    const all = stored(
      exchange({
        method: "GET",
        status: 302,
        responseHeaders: {
          Location: `https://site.test/flows/user-agent/callback#${fragment}`,
          "content-location": `/flows/web-server/callback?code=${CODE}&state=st4`,
          link: `<https://acme.my.salesforce.com/next?id_token=${ID_TOKEN}>; rel="next"`,
          refresh: `0; url=https://site.test/cb?code=${CODE}`,
        },
      }),
      ACCESS,
      REFRESH,
      CODE,
      ID_TOKEN,
    )
    for (const kept of [
      "token_type=Bearer",
      "state=st3",
      "state=st4",
      `instance_url=${encodeURIComponent(INSTANCE)}`,
      'rel=\\"next\\"',
    ])
      expect(all).toContain(kept)
  })
})

describe("token responses in any shape", () => {
  it("redacts tokens in nested objects, in arrays, and in URLs inside JSON strings, keeping the rest", () => {
    const nested = JSON.stringify({
      result: {
        access_token: ACCESS,
        token_type: "Bearer",
        instance_url: INSTANCE,
        tokens: [{ refresh_token: REFRESH }, { id_token: ID_TOKEN }],
      },
      next: `https://site.test/cb?code=${CODE}&state=st5`,
    })
    const all = stored(
      exchange({
        responseHeaders: { "content-type": "application/json" },
        responseBody: nested,
      }),
      ACCESS,
      REFRESH,
      ID_TOKEN,
      CODE,
    )
    const body = JSON.parse(JSON.parse(all).responseBody)
    expect(body.result).toMatchObject({ token_type: "Bearer", instance_url: INSTANCE })
    expect(body.next).toContain("state=st5")
    stored(
      exchange({
        responseHeaders: { "content-type": "application/json" },
        responseBody: JSON.stringify([{ access_token: ACCESS }, { refresh_token: [REFRESH] }]),
      }),
      ACCESS,
      REFRESH,
    )
  })

  it("redacts a form-encoded token response served as text/plain or with no content type", () => {
    const form = `access_token=${encodeURIComponent(ACCESS)}&refresh_token=${REFRESH}&instance_url=${encodeURIComponent(INSTANCE)}&token_type=Bearer`
    const labels: Record<string, string>[] = [{ "content-type": "text/plain;charset=UTF-8" }, {}]
    for (const responseHeaders of labels) {
      const all = stored(exchange({ responseHeaders, responseBody: form }), ACCESS, REFRESH)
      expect(all).toContain("token_type=Bearer")
      expect(all).toContain(`instance_url=${encodeURIComponent(INSTANCE)}`)
      expect(all).toContain("access_token=[REDACTED access_token")
    }
  })

  it("redacts a code in a link of an HTML page", () => {
    const all = stored(
      exchange({
        responseHeaders: { "content-type": "text/html" },
        responseBody: `<a href="https://site.test/cb?code=${CODE}&amp;state=st6">continue</a>`,
      }),
      CODE,
    )
    expect(all).toContain("state=st6")
  })
})
