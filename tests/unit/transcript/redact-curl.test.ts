import { execFileSync } from "node:child_process"
import { describe, expect, it } from "vitest"
import type { HttpExchange } from "@/lib/salesforce/http-exchange"
import { curlPlaceholders, toCurl } from "@/lib/transcript/curl"
import { redactExchange, redactUrl, type KnownSecret } from "@/lib/transcript/redact"

const SECRET = "F3A9C1D2E4B5A6978877665544332211AABBCCDDEEFF00112233445566778899"
const ACCESS = "00D5g0000LABORG!AQ1234567890abcdefghijklmnopqrstuvwxyz.ABCDEFG_hijk"
const REFRESH = "5Aep861abcdefghijklmnopqrstuvwxyz0123456789.ABCDEF"
const known: KnownSecret[] = [
  { kind: "client_secret", value: SECRET },
  { kind: "access_token", value: ACCESS },
]

const base = (over: Partial<HttpExchange>): HttpExchange => ({
  step: "s",
  method: "POST",
  url: "https://org.test/services/oauth2/token",
  requestHeaders: {},
  durationMs: 1,
  startedAt: 0,
  ...over,
})

describe("transcript redaction", () => {
  it("hides the client secret, tokens and the assertion's signature wherever they sit, keeping a prefix of tokens", () => {
    const e = redactExchange(
      base({
        requestHeaders: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Bearer ${ACCESS}`,
        },
        requestBody: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: REFRESH,
          client_id: "3MVG9abc",
          client_secret: SECRET,
          assertion: "eyJh.eyJp.SIGNATUREPART",
          client_assertion: "eyJh.eyJq.CLIENTSIGPART",
        }).toString(),
        responseHeaders: { "content-type": "application/json", "set-cookie": "sid=abc" },
        responseBody: JSON.stringify({
          access_token: ACCESS,
          refresh_token: REFRESH,
          id_token: "eyJraWQ.eyJzdWIi.sig",
          signature: "abc=",
          note: `copy of ${SECRET}`,
        }),
      }),
      known,
    )
    const all = JSON.stringify(e)
    for (const secret of [
      SECRET,
      ACCESS,
      REFRESH,
      "SIGNATUREPART",
      "CLIENTSIGPART",
      "eyJraWQ.eyJzdWIi.sig",
      "sid=abc",
    ])
      expect(all).not.toContain(secret)
    expect(e.requestHeaders.authorization).toBe(
      "Bearer [REDACTED access_token 00D5g0000LABORG!AQ…]",
    )
    expect(e.requestBody).toContain("client_id=3MVG9abc")
    expect(e.requestBody).toContain("client_secret=[REDACTED client_secret]")
    expect(e.requestBody).toContain("assertion=eyJh.eyJp.[REDACTED assertion_signature]")
    expect(e.requestBody).toContain("client_assertion=eyJh.eyJq.[REDACTED assertion_signature]")
    expect(JSON.parse(e.responseBody!)).toMatchObject({
      refresh_token: "[REDACTED refresh_token 5Aep861a…]",
      signature: "abc=",
      note: "copy of [REDACTED client_secret]",
    })
  })

  it("redacts tokens in a callback fragment and an oauth_token query parameter", () => {
    expect(
      redactUrl(`https://site.test/cb#access_token=${encodeURIComponent(ACCESS)}&state=s1`, known),
    ).toBe("https://site.test/cb#access_token=[REDACTED access_token 00D5g0000LABORG!AQ…]&state=s1")
    expect(
      redactUrl(
        `https://org.test/id/x/y?oauth_token=${encodeURIComponent(ACCESS)}&format=json`,
        [],
      ),
    ).not.toContain(ACCESS)
  })
})

describe("Copy as curl", () => {
  it("puts shell variables where secrets were, and the command really sends the original request", () => {
    const original = base({
      url: "https://org.test/services/oauth2/introspect",
      requestHeaders: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      requestBody: new URLSearchParams({
        token: ACCESS,
        token_type_hint: "access_token",
        client_id: "3MVG9abc",
        client_secret: SECRET,
      }).toString(),
    })
    const redacted = redactExchange(original, known)
    const curl = toCurl(redacted)
    expect(curl).not.toContain(SECRET)
    expect(curlPlaceholders(redacted)).toEqual(["ACCESS_TOKEN", "CLIENT_SECRET"])
    // Evaluate the command's --data-raw word in a real shell with the variables set: it is the body as sent.
    const dataWord = curl.split("--data-raw ")[1]!
    const echoed = execFileSync("bash", ["-c", `printf %s ${dataWord}`], {
      env: { ...process.env, ACCESS_TOKEN: encodeURIComponent(ACCESS), CLIENT_SECRET: SECRET },
    }).toString()
    expect(new URLSearchParams(echoed).get("client_secret")).toBe(SECRET)
    expect(new URLSearchParams(echoed).get("token")).toBe(ACCESS)
    expect(curl).toMatch(/^curl -sS -X POST 'https:\/\/org\.test\/services\/oauth2\/introspect'/)
  })
})

describe("one-time values", () => {
  it("redacts the authorization code and the PKCE verifier in the callback URL and the token request", () => {
    const url = redactUrl(
      "https://site.test/flows/web-server/callback?code=aPrxABCDEFGHIJKLMNOP&state=s1",
      [],
    )
    expect(url).toBe(
      "https://site.test/flows/web-server/callback?code=[REDACTED authorization_code aPrxAB…]&state=s1",
    )
    const e = redactExchange(
      base({
        requestHeaders: { "content-type": "application/x-www-form-urlencoded" },
        requestBody:
          "grant_type=authorization_code&code=aPrxABCDEFGHIJKLMNOP&code_verifier=VERIFIER0123456789",
      }),
      [],
    )
    expect(e.requestBody).not.toMatch(/VERIFIER0123456789|aPrxABCDEFGHIJKLMNOP/)
    expect(curlPlaceholders(e)).toEqual(["AUTH_CODE", "CODE_VERIFIER"])
  })
})
