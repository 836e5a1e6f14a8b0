import crypto from "node:crypto"
import type { CheckResult, LabSession } from "@/lib/auth/session-types"
import {
  SamlAssertionInvalid,
  verifySamlAssertion,
  type SamlClaims,
} from "@/lib/salesforce/saml-xml"
import { prettySamlXml } from "./saml-pretty"

/** The SAML Bearer assertion as the inspector shows it: readable XML and one result per check. */
export interface SamlAssertionView {
  xml: string
  checks: { name: string; result: CheckResult }[]
}

const at = (ms: number | undefined) => (ms === undefined ? "absent" : new Date(ms).toISOString())

/**
 * Re-verifies the assertion the site sent, as the org did: the signature with the app's certificate
 * (or the configured key's public half) alone, then, from the signed copy only, the issuer, the
 * subject, audience and recipient, and the times as of sign-in (lib/salesforce/saml-xml.ts).
 */
export function samlAssertionView(
  s: LabSession,
  key: crypto.KeyObject | undefined,
  expected: { clientId: string; audience: string },
): SamlAssertionView | undefined {
  if (!s.samlAssertion) return undefined
  const xml = prettySamlXml(s.samlAssertion)
  if (!key)
    return {
      xml,
      checks: [
        {
          name: "signature",
          result: {
            status: "fail",
            detail: "no certificate or key is configured to check it with",
          },
        },
      ],
    }
  let c: SamlClaims
  try {
    c = verifySamlAssertion(s.samlAssertion, key.export({ type: "spki", format: "pem" }))
  } catch (e) {
    const why = e instanceof SamlAssertionInvalid ? e.reason : "it could not be read"
    return { xml, checks: [{ name: "signature", result: { status: "fail", detail: why } }] }
  }
  const pass = (detail: string): CheckResult => ({ status: "pass", detail })
  const fail = (detail: string): CheckResult => ({ status: "fail", detail })
  const audience = expected.audience.replace(/\/+$/, "")
  const ends = [c.notOnOrAfter, c.subjectNotOnOrAfter].filter((t): t is number => t !== undefined)
  const timely =
    ends.length > 0 &&
    ends.every((t) => t > s.signedInAt) &&
    (c.notBefore === undefined || c.notBefore <= s.signedInAt + 180_000)
  return {
    xml,
    checks: [
      {
        name: "signature",
        result: pass(
          "enveloped XML-DSig, RSA-SHA256, one reference to the assertion's ID, verified with the app's certificate; the values below are read from the signed copy",
        ),
      },
      {
        name: "Issuer",
        result:
          c.issuer === expected.clientId
            ? pass("the app's consumer key")
            : fail(`${c.issuer} is not the app's consumer key`),
      },
      {
        name: "NameID",
        result:
          c.nameId.toLowerCase() === s.user.username.toLowerCase()
            ? pass(`${c.nameId}, the user who signed in`)
            : fail(`${c.nameId} is not the signed-in user (${s.user.username})`),
      },
      {
        name: "Audience",
        // Every AudienceRestriction must name the login server (SAML Core 2.0 §2.5.1.4), as the org checks.
        result:
          c.audienceRestrictions.length > 0 &&
          c.audienceRestrictions.every((r) => r.some((a) => a.replace(/\/+$/, "") === audience))
            ? pass(`${audience}, the login server`)
            : fail(`${c.audiences.join(", ") || "none"}, not ${audience}`),
      },
      {
        name: "Recipient",
        result: c.recipient?.endsWith("/services/oauth2/token")
          ? pass(`${c.recipient}, a token endpoint`)
          : fail(`${c.recipient ?? "absent"} is not a token endpoint`),
      },
      {
        name: "times",
        result: (timely ? pass : fail)(
          `NotBefore ${at(c.notBefore)}, NotOnOrAfter ${at(c.notOnOrAfter)} (subject ${at(c.subjectNotOnOrAfter)}); ${timely ? "valid" : "not valid"} at sign-in, ${new Date(s.signedInAt).toISOString()}`,
        ),
      },
    ],
  }
}
