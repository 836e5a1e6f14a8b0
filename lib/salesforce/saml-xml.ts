// Over 200 lines: the whole verification of one signed assertion (parsing, the wrapping defences, reading only the signed copy) in one file, so no caller can skip a step.
import { DOMParser } from "@xmldom/xmldom"
import { SignedXml } from "xml-crypto"

/**
 * Reading and verifying a SAML 2.0 bearer assertion (RFC 7522 §3, and Salesforce's rules:
 * https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_SAML_bearer_flow.htm&type=5).
 * No key and no secret here: the embedded org and the inspector both verify with this, against the
 * app's certificate (or public key). docs/security.md, S-270 to S-276.
 */
export const SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion"
export const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
export const SAML2_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:saml2-bearer"
export const BEARER_METHOD = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
export const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
export const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
export const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
export const SHA256_DIGEST = "http://www.w3.org/2001/04/xmlenc#sha256"

/** A decoded assertion is a few kilobytes; anything far larger is refused before parsing. */
const MAX_XML_CHARS = 64 * 1024

/** Why an assertion was refused: for tests and the inspector; the org answers only "invalid assertion". */
export class SamlAssertionInvalid extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = "SamlAssertionInvalid"
  }
}

/** What the signed assertion says, read only from the canonical copy the signature covers. */
export interface SamlClaims {
  id: string
  issuer: string
  nameId: string
  audiences: string[]
  method?: string
  recipient?: string
  /** Times in ms since the epoch. */
  issueInstant?: number
  notBefore?: number
  notOnOrAfter?: number
  subjectNotOnOrAfter?: number
}

/**
 * The `assertion` parameter: base64url as RFC 7522 §2.1 says (Salesforce's example too); plain
 * base64 with padding is taken as well, since the alphabets differ only in two characters.
 */
export function decodeAssertionParam(value: string): string {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) throw new SamlAssertionInvalid("not base64url")
  const xml = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8")
  if (!xml.trimStart().startsWith("<")) throw new SamlAssertionInvalid("not XML")
  return xml
}

/**
 * Parses with xmldom, refusing a DOCTYPE (entity expansion, external entities: no assertion needs
 * one; S-272) and any well-formedness error, which xmldom would otherwise only report.
 */
export function parseSamlXml(xml: string): Document {
  if (xml.length > MAX_XML_CHARS) throw new SamlAssertionInvalid("too large")
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SamlAssertionInvalid("a DOCTYPE is not allowed")
  const fail = (msg: unknown) => {
    throw new SamlAssertionInvalid(`malformed XML: ${String(msg).split("\n")[0]}`)
  }
  let doc: Document
  try {
    doc = new DOMParser({
      errorHandler: { warning: () => undefined, error: fail, fatalError: fail },
    }).parseFromString(xml, "text/xml") as unknown as Document
  } catch (e) {
    if (e instanceof SamlAssertionInvalid) throw e
    throw new SamlAssertionInvalid("malformed XML")
  }
  if (!doc?.documentElement || doc.doctype) throw new SamlAssertionInvalid("malformed XML")
  return doc
}

export const isElement = (n: Node | null | undefined): n is Element => n?.nodeType === 1

function children(parent: Element, ns: string, name: string): Element[] {
  const out: Element[] = []
  for (let n = parent.firstChild; n; n = n.nextSibling)
    if (isElement(n) && n.namespaceURI === ns && n.localName === name) out.push(n)
  return out
}

/** The single child `name`, or nothing; two of a kind is an invalid assertion. */
function child(parent: Element | undefined, name: string, ns = SAML_NS): Element | undefined {
  if (!parent) return undefined
  const found = children(parent, ns, name)
  if (found.length > 1) throw new SamlAssertionInvalid(`more than one ${name}`)
  return found[0]
}

function allElements(doc: Document): Element[] {
  const out: Element[] = []
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling)
      if (isElement(c)) {
        out.push(c)
        walk(c)
      }
  }
  walk(doc)
  return out
}

/** xs:dateTime in UTC as SAML requires (SAML Core §1.3.3), to ms; anything else is refused. */
function time(el: Element | undefined, attr: string): number | undefined {
  const v = el?.getAttribute(attr)
  if (!v) return undefined
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/.test(v))
    throw new SamlAssertionInvalid(`${attr} is not a UTC dateTime`)
  return Date.parse(v)
}

const text = (el: Element | undefined) => (el?.textContent ?? "").trim()

/** The root assertion of a document, or a refusal: the root must be one saml:Assertion, alone. */
function rootAssertion(doc: Document): Element {
  const root = doc.documentElement
  if (root.namespaceURI !== SAML_NS || root.localName !== "Assertion")
    throw new SamlAssertionInvalid("the root element is not a saml:Assertion")
  if (doc.getElementsByTagNameNS(SAML_NS, "Assertion").length !== 1)
    throw new SamlAssertionInvalid("more than one Assertion")
  return root
}

/**
 * The Issuer as written, before any check: only to find whose certificate to verify with. A
 * document that is not one root assertion is refused here already.
 */
export function unverifiedIssuer(xml: string): string | undefined {
  return text(child(rootAssertion(parseSamlXml(xml)), "Issuer")) || undefined
}

/** The claims of a canonical, signed copy of the assertion. */
function readClaims(root: Element): SamlClaims {
  const subject = child(root, "Subject")
  const confirmation = child(subject, "SubjectConfirmation")
  const data = child(confirmation, "SubjectConfirmationData")
  const conditions = child(root, "Conditions")
  return {
    id: root.getAttribute("ID") ?? "",
    issuer: text(child(root, "Issuer")),
    nameId: text(child(subject, "NameID")),
    audiences: conditions
      ? children(conditions, SAML_NS, "AudienceRestriction").flatMap((r) =>
          children(r, SAML_NS, "Audience").map((a) => text(a)),
        )
      : [],
    method: confirmation?.getAttribute("Method") ?? undefined,
    recipient: data?.getAttribute("Recipient") ?? undefined,
    issueInstant: time(root, "IssueInstant"),
    notBefore: time(conditions, "NotBefore"),
    notOnOrAfter: time(conditions, "NotOnOrAfter"),
    subjectNotOnOrAfter: time(data, "NotOnOrAfter"),
  }
}

/** The one enveloped signature, a child of the root, with one reference: to the root, by its ID. */
function theSignature(doc: Document, root: Element, id: string): Element {
  const signatures = doc.getElementsByTagNameNS(DSIG_NS, "Signature")
  if (signatures.length !== 1) throw new SamlAssertionInvalid("not exactly one Signature")
  const signature = signatures.item(0)!
  if (signature.parentNode !== root)
    throw new SamlAssertionInvalid("the Signature is not a child of the assertion")
  const signedInfo = child(signature, "SignedInfo", DSIG_NS)
  const method = child(signedInfo, "SignatureMethod", DSIG_NS)?.getAttribute("Algorithm")
  if (method !== RSA_SHA256) throw new SamlAssertionInvalid("the signature is not RSA-SHA256")
  const references = signedInfo ? children(signedInfo, DSIG_NS, "Reference") : []
  if (references.length !== 1 || references[0]!.getAttribute("URI") !== `#${id}`)
    throw new SamlAssertionInvalid("the signature does not reference the assertion by its ID")
  return signature
}

/**
 * Verifies a signed assertion against `publicKeyPem` (the app's certificate, or a public key) and
 * returns what it says, read from the canonical signed copy only (S-270, S-271):
 * - the root is the one saml:Assertion in the document, its ID carried by no other element;
 * - exactly one Signature, a child of that root, RSA-SHA256, one Reference whose URI is `#ID`;
 * - xml-crypto checks it with the given key alone (any KeyInfo certificate is ignored);
 * - every value comes from `getSignedReferences()`, the canonical form that was signed, as
 *   xml-crypto recommends since its signature-wrapping CVEs: comments are not in it, so a
 *   comment slipped into the NameID cannot change who the org resolves (S-273).
 * The conditions (issuer, audience, times) are the caller's to judge.
 */
export function verifySamlAssertion(xml: string, publicKeyPem: string | Buffer): SamlClaims {
  const doc = parseSamlXml(xml)
  const root = rootAssertion(doc)
  const id = root.getAttribute("ID")
  if (!id) throw new SamlAssertionInvalid("the assertion has no ID")
  const idHolders = allElements(doc).filter((e) =>
    ["ID", "Id", "id"].some((a) => e.getAttribute(a) === id),
  )
  if (idHolders.length !== 1) throw new SamlAssertionInvalid("the assertion's ID is not unique")
  const signature = theSignature(doc, root, id)

  const signed = new SignedXml({ publicCert: publicKeyPem, getCertFromKeyInfo: () => null })
  let references: string[]
  try {
    signed.loadSignature(signature as unknown as Node)
    if (!signed.checkSignature(xml)) throw new Error("invalid")
    references = signed.getSignedReferences()
  } catch {
    throw new SamlAssertionInvalid("the signature does not verify with the app's certificate")
  }
  if (references.length !== 1) throw new SamlAssertionInvalid("not exactly one signed reference")
  const signedRoot = rootAssertion(parseSamlXml(references[0]!))
  if (signedRoot.getAttribute("ID") !== id)
    throw new SamlAssertionInvalid("the signed element is not the assertion")
  return readClaims(signedRoot)
}
