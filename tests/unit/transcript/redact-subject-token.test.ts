import { describe, expect, it } from "vitest"
import { redactExchange } from "@/lib/transcript/redact"

describe("the Token Exchange flow's tokens in the transcript", () => {
  it("C-180 replaces the subject_token (and an actor_token) by a marker, also where the token reappears, and the provider's tokens in its answer", () => {
    const token =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpZHAtdXNlci0xMDAxIn0.c2lnbmF0dXJlLXNlY3JldC1wYXJ0"
    const redacted = redactExchange(
      {
        step: "Token Exchange token request",
        method: "POST",
        url: "https://acme.my.salesforce.com/services/oauth2/token",
        requestHeaders: { "content-type": "application/x-www-form-urlencoded" },
        requestBody: new URLSearchParams({
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          subject_token: token,
          subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
          actor_token: token,
        }).toString(),
        status: 400,
        responseHeaders: { "content-type": "text/plain" },
        responseBody: `echoed ${token}`,
        durationMs: 1,
        startedAt: 0,
      },
      [{ kind: "subject_token", value: token }],
    )
    expect(redacted.requestBody).not.toContain("c2lnbmF0dXJl")
    expect(redacted.requestBody).toContain(
      `subject_token=[REDACTED subject_token ${token.slice(0, 12)}…]`,
    )
    expect(redacted.requestBody).toContain("actor_token=[REDACTED subject_token")
    expect(redacted.responseBody).toBe(`echoed [REDACTED subject_token ${token.slice(0, 12)}…]`)
    const idpAnswer = redactExchange(
      {
        step: "External IdP: code → tokens",
        method: "POST",
        url: "http://127.0.0.1:3003/token",
        requestHeaders: { "content-type": "application/x-www-form-urlencoded" },
        requestBody: "grant_type=authorization_code&code=abcdefgh&code_verifier=vvvvvvvvvvvv",
        status: 200,
        responseHeaders: { "content-type": "application/json" },
        responseBody: JSON.stringify({
          access_token: token,
          id_token: token,
          token_type: "Bearer",
        }),
        durationMs: 1,
        startedAt: 0,
      },
      [],
    )
    expect(idpAnswer.responseBody).not.toContain("c2lnbmF0dXJl")
    expect(idpAnswer.requestBody).not.toContain("vvvvvvvvvvvv")
  })
})
