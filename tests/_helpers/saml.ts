import { SignedXml } from "xml-crypto"
import {
  planSamlAssertion,
  samlAssertionXml,
  type SamlAssertionPlan,
} from "@/lib/salesforce/saml-assertion"
import { ENVELOPED, EXC_C14N, RSA_SHA256, SAML2_BEARER_GRANT } from "@/lib/salesforce/saml-xml"

export { SAML2_BEARER_GRANT }

/**
 * Signs any XML as a client would, enveloped, over the root element; the algorithm can be bent
 * for the refusal cases (S-27x).
 */
export function signXml(
  xml: string,
  privateKeyPem: string,
  o: { algorithm?: string; digest?: string; certificatePem?: string } = {},
): string {
  const sig = new SignedXml({
    privateKey: privateKeyPem,
    // A certificate here goes into KeyInfo; the org must ignore it (S-271).
    publicCert: o.certificatePem,
    signatureAlgorithm: o.algorithm ?? RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  })
  sig.addReference({
    xpath: "/*",
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: o.digest ?? "http://www.w3.org/2001/04/xmlenc#sha256",
  })
  sig.computeSignature(xml, {
    prefix: "ds",
    location: { reference: "/*/*[local-name(.)='Issuer']", action: "after" },
  })
  return sig.getSignedXml()
}

/** A plan for `username` at `audience` (the org's base URL), changed by `change`. */
export function samlPlan(
  clientId: string,
  audience: string,
  username: string,
  nowMs: number,
  change: Partial<SamlAssertionPlan> = {},
): SamlAssertionPlan {
  return { ...planSamlAssertion({ clientId, username, audience, nowMs }), ...change }
}

/** The signed assertion's XML for a plan. */
export const signedSaml = (plan: SamlAssertionPlan, privateKeyPem: string) =>
  signXml(samlAssertionXml(plan), privateKeyPem)

export const encodeSaml = (xml: string) => Buffer.from(xml).toString("base64url")
