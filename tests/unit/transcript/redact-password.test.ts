import { describe, expect, it } from "vitest"
import { curlPlaceholders, toCurl } from "@/lib/transcript/curl"
import { redactExchange } from "@/lib/transcript/redact"

describe("the username-password flow's request in the transcript", () => {
  it("C-120 replaces the password field entirely (no prefix), also where it reappears, and Copy as curl asks for $PASSWORD", () => {
    const password = "correct horse+battery"
    const redacted = redactExchange(
      {
        step: "Username-Password token request",
        method: "POST",
        url: "https://acme.my.salesforce.com/services/oauth2/token",
        requestHeaders: { "content-type": "application/x-www-form-urlencoded" },
        requestBody: new URLSearchParams({
          grant_type: "password",
          username: "demo@example.com",
          password,
        }).toString(),
        status: 400,
        responseHeaders: { "content-type": "text/plain" },
        responseBody: `echoed: ${password}`,
        durationMs: 1,
        startedAt: 0,
      },
      [{ kind: "password", value: password }],
    )
    expect(redacted.requestBody).toBe(
      "grant_type=password&username=demo%40example.com&password=[REDACTED password]",
    )
    expect(redacted.responseBody).toBe("echoed: [REDACTED password]")
    expect(JSON.stringify(redacted)).not.toContain("horse")
    expect(toCurl(redacted)).toContain(`&password='"$PASSWORD"`)
    expect(curlPlaceholders(redacted)).toEqual(["PASSWORD"])
  })
})
