import { describe, expect, it } from "vitest"
import { CATALOGUE, entryFor } from "@/lib/explain/catalogue"
import { explainFailure } from "@/lib/explain/flow-errors"
import type { FlowErrorCode } from "@/lib/salesforce/errors"

const SITE_CODES: FlowErrorCode[] = [
  "STATE_MISSING",
  "STATE_MISMATCH",
  "FLOW_EXPIRED",
  "STATE_REUSED",
  "MISSING_CODE",
  "MISSING_TOKEN",
  "NETWORK",
  "TIMEOUT",
  "NON_JSON_RESPONSE",
  "UNEXPECTED_RESPONSE",
  "INVALID_SIGNATURE",
  "ID_TOKEN_INVALID",
  "FOREIGN_TOKEN",
  "UNTRUSTED_URL",
  "USERNAME_NOT_ALLOWED",
  "KEY_INVALID",
  "CONFIG_INVALID",
  "NOT_MY_DOMAIN",
  "MISSING_CREDENTIALS",
]

describe("the error catalogue", () => {
  it("has unique anchors and a meaning, causes and a fix for every entry", () => {
    expect(new Set(CATALOGUE.map((e) => e.id)).size).toBe(CATALOGUE.length)
    for (const e of CATALOGUE) {
      expect(e.id).toMatch(/^[a-z0-9-]+$/)
      expect(e.meaning.length).toBeGreaterThan(10)
      expect(e.causes.length).toBeGreaterThan(0)
      expect(e.fix.length).toBeGreaterThan(0)
    }
  })

  it("explains every failure code the site's own checks can raise", () => {
    for (const code of SITE_CODES) expect(entryFor({ code }), code).toBeDefined()
  })

  it.each([
    ["invalid_grant", "user hasn't approved this consumer", "user-hasnt-approved-this-consumer"],
    ["invalid_grant", "audience is invalid", "audience-is-invalid"],
    ["invalid_grant", "Audience validation failed", "audience-is-invalid"],
    ["invalid_grant", "invalid assertion", "invalid-assertion"],
    ["invalid_grant", "expired authorization code", "expired-authorization-code"],
    ["invalid_grant", "code verifier missing", "pkce-required"],
    ["invalid_request", "invalid code verifier", "pkce-required"],
    ["invalid_grant", "invalid code verifier", "pkce-required"],
    ["invalid_grant", "inactive user", "inactive-user"],
    ["inactive_user", "user is inactive", "inactive-user"],
    ["Bad_OAuth_Token", "HTTP 403", "bad-oauth-token"],
    ["invalid_request", "missing code_challenge", "pkce-required"],
    ["invalid_client_id", "client identifier invalid", "invalid-client-id"],
    ["invalid_client", "app must be installed into org", "app-must-be-installed"],
    ["invalid_client", "invalid client credentials", "invalid-client"],
    ["invalid_client", "invalid assertion", "client-assertion-invalid"],
    ["invalid_client", "invalid client assertion type", "client-assertion-invalid"],
    ["invalid_client", "audience is invalid", "client-assertion-audience"],
    ["redirect_uri_mismatch", "redirect_uri must match configuration", "redirect-uri-mismatch"],
    ["access_denied", "end-user denied authorization", "access-denied"],
    ["invalid_app_access", "user is not admin approved to access this app", "invalid-app-access"],
    ["unsupported_response_type", "response type not supported", "unsupported-response-type"],
    ["INVALID_SESSION_ID", "Session expired or invalid", "invalid-session-id"],
    [
      "invalid_request",
      "user creation failed: DUPLICATE_USERNAME",
      "token-exchange-duplicate-username",
    ],
  ])("maps %s / %s to #%s", (error, errorDescription, id) => {
    expect(entryFor({ error, errorDescription })?.id).toBe(id)
  })

  it("R-02 explains the Device flow's replaced code apart from a callback's state mismatch", () => {
    expect(entryFor({ code: "STATE_MISMATCH", flow: "device" })?.id).toBe("device-code-replaced")
    expect(entryFor({ code: "STATE_MISMATCH", flow: "web-server" })?.id).toBe("state-mismatch")
  })

  it("offers the one-click approval only in the embedded org, for a known username", () => {
    const f = {
      flow: "jwt-bearer" as const,
      error: "invalid_grant",
      errorDescription: "user hasn't approved this consumer",
      username: "demo@example.com",
    }
    expect(explainFailure(f, true)).toMatchObject({
      approveOnce: true,
      entryId: "user-hasnt-approved-this-consumer",
    })
    const real = explainFailure(f, false)
    expect(real.approveOnce).toBeFalsy()
    expect(real.fix.join(" ")).toMatch(/Connected Apps OAuth Usage/)
  })
})
