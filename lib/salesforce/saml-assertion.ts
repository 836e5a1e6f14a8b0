import "server-only"
import crypto from "node:crypto"
import { SignedXml } from "xml-crypto"
import { privateKeyFor } from "./jwt-assertion"
import { BEARER_METHOD, ENVELOPED, EXC_C14N, RSA_SHA256, SAML_NS, SHA256_DIGEST } from "./saml-xml"

/**
 * The SAML 2.0 bearer assertion the site signs, as Salesforce documents it
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_SAML_bearer_flow.htm&type=5)
 * and RFC 7522 §3 requires: Issuer = the consumer key, NameID = the username, an Audience of the
 * login server, a bearer SubjectConfirmation whose Recipient is the token endpoint, and
 * NotOnOrAfter on both.
 */
export interface SamlAssertionPlan {
  id: string
  issuer: string
  nameId: string
  audience: string
  recipient: string
  issueInstant: string
  notBefore: string
  notOnOrAfter: string
}

/** Short-lived, like the JWT Bearer assertion: Salesforce allows 3 minutes of clock skew besides. */
const LIFETIME_S = 180

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")

export function planSamlAssertion(o: {
  clientId: string
  username: string
  audience: string
  nowMs?: number
}): SamlAssertionPlan {
  const now = o.nowMs ?? Date.now()
  const audience = o.audience.replace(/\/+$/, "")
  return {
    // An NCName: an xs:ID may not start with a digit (SAML Core §1.3.4).
    id: `_${crypto.randomBytes(16).toString("hex")}`,
    issuer: o.clientId,
    nameId: o.username,
    audience,
    recipient: `${audience}/services/oauth2/token`,
    issueInstant: iso(now),
    notBefore: iso(now),
    notOnOrAfter: iso(now + LIFETIME_S * 1000),
  }
}

const esc = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")

/** The unsigned assertion, every value escaped. */
export function samlAssertionXml(p: SamlAssertionPlan): string {
  return (
    `<saml:Assertion xmlns:saml="${SAML_NS}" ID="${esc(p.id)}" IssueInstant="${p.issueInstant}" Version="2.0">` +
    `<saml:Issuer>${esc(p.issuer)}</saml:Issuer>` +
    `<saml:Subject>` +
    `<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${esc(p.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="${BEARER_METHOD}">` +
    `<saml:SubjectConfirmationData NotOnOrAfter="${p.notOnOrAfter}" Recipient="${esc(p.recipient)}"/>` +
    `</saml:SubjectConfirmation>` +
    `</saml:Subject>` +
    `<saml:Conditions NotBefore="${p.notBefore}" NotOnOrAfter="${p.notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${esc(p.audience)}</saml:Audience></saml:AudienceRestriction>` +
    `</saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${p.issueInstant}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>` +
    `</saml:Assertion>`
  )
}

/**
 * Signs `xml` (an assertion) with an enveloped XML-DSig signature: RSA-SHA256 over exclusive
 * canonicalization, one reference to the assertion's ID, placed after the Issuer as the SAML
 * schema orders it. No KeyInfo: Salesforce verifies with the certificate uploaded to the app, and
 * a certificate in the assertion would only invite a verifier to trust it (S-271).
 */
export function signSamlXml(xml: string, privateKeyPem: string): string {
  const key = privateKeyFor(privateKeyPem).export({ type: "pkcs8", format: "pem" })
  const sig = new SignedXml({
    privateKey: key,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  })
  sig.addReference({
    xpath: "/*[local-name(.)='Assertion']",
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256_DIGEST,
  })
  sig.computeSignature(xml, {
    prefix: "ds",
    location: { reference: "/*/*[local-name(.)='Issuer']", action: "after" },
  })
  return sig.getSignedXml()
}

/** The assertion the plan describes, signed, and as the `assertion` parameter (base64url). */
export function signSamlAssertion(
  plan: SamlAssertionPlan,
  privateKeyPem: string,
): { xml: string; encoded: string } {
  const xml = signSamlXml(samlAssertionXml(plan), privateKeyPem)
  return { xml, encoded: Buffer.from(xml).toString("base64url") }
}
