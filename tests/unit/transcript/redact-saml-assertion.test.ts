import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import type { HttpExchange } from "@/lib/salesforce/http-exchange"
import { planSamlAssertion, signSamlAssertion } from "@/lib/salesforce/saml-assertion"
import { curlPlaceholders } from "@/lib/transcript/curl"
import { redactExchange } from "@/lib/transcript/redact"

/**
 * The SAML Bearer flow posts its signed assertion as `assertion=<base64url XML>` (RFC 7522 §2.1).
 * Until the user has approved the app the org refuses it without remembering its ID, so a copy
 * kept whole in the transcript could be posted again once approval is restored (docs/security.md,
 * S-275, S-276; EF5). The transcript keeps the rest of the exchange.
 */
beforeAll(() => {
  process.env.SALESFORCE_LAB_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-saml-"))
})

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

describe("the signed SAML Bearer assertion in the transcript", () => {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString()
  const plan = planSamlAssertion({
    clientId: "3MVG9consumerKey",
    username: "admin@example.com",
    audience: "https://login.salesforce.com",
  })
  const { xml, encoded } = signSamlAssertion(plan, pem)
  const signatureValue = /<ds:SignatureValue>([^<]+)</.exec(xml)![1]!
  const request = exchange({
    step: "SAML Bearer token request",
    requestHeaders: { "content-type": "application/x-www-form-urlencoded" },
    requestBody: new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:saml2-bearer",
      assertion: encoded,
    }).toString(),
    status: 400,
    responseHeaders: { "content-type": "application/json" },
    responseBody: JSON.stringify({
      error: "invalid_grant",
      error_description: "user hasn't approved this consumer",
    }),
  })

  it("is not stored in a form that could be posted again: neither the parameter nor its signature, and Copy as curl asks for $ASSERTION", async () => {
    const { TranscriptRecorder } = await import("@/lib/transcript/recorder")
    const { readTranscript } = await import("@/lib/transcript/store")
    const recorder = new TranscriptRecorder("saml-assertion-leak-00")
    recorder.exchange(request)
    const entries = readTranscript(recorder.id)
    const all = JSON.stringify(entries)
    for (const s of [encoded, signatureValue, encoded.slice(0, 200)]) expect(all).not.toContain(s)
    const e = entries[0]!.kind === "exchange" ? entries[0]!.exchange : undefined
    const sent = new URLSearchParams(e!.requestBody)
    expect(sent.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:saml2-bearer")
    // A length and a short hash tell two assertions apart; the readable XML is in the inspector.
    expect(sent.get("assertion")).toContain(`${encoded.length} chars`)
    expect(curlPlaceholders(e!)).toEqual(["ASSERTION"])
    expect(e!.responseBody).toContain("user hasn't approved this consumer")
  })

  it("a client_assertion that is not a JWT is redacted whole as well", () => {
    const all = JSON.stringify(
      redactExchange(
        exchange({
          requestHeaders: { "content-type": "application/x-www-form-urlencoded" },
          requestBody: `grant_type=authorization_code&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Asaml2-bearer&client_assertion=${encoded}`,
        }),
        [],
      ),
    )
    for (const s of [encoded, signatureValue]) expect(all).not.toContain(s)
    expect(all).toContain("client_assertion_type=")
  })
})
