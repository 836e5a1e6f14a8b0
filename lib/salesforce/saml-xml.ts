// Over 200 lines: the whole verification of one signed assertion (size limits, parsing, the wrapping defences, reading only the signed copy and its Conditions) in one file, so no caller can skip a step.
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

/**
 * The largest decoded assertion taken, in bytes. A signed assertion with one X509 certificate in
 * KeyInfo is 3 to 8 KB; 16 KB leaves room for attributes. Anything larger is refused before it is
 * parsed: nothing is authenticated until the signature is checked, and a public consumer key as
 * Issuer is enough to reach the parser (docs/security.md, S-272).
 */
export const MAX_XML_BYTES = 16 * 1024
/**
 * The most elements a document may have. A signed assertion has about 26 (14 of them the
 * Signature's, a KeyInfo certificate included); 200 leaves room for an AttributeStatement. Counted right after parsing, so a document
 * of filler elements never reaches the tree walks or xml-crypto, whose work grows with it (S-272).
 */
export const MAX_ELEMENTS = 200

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
  /** Every Audience of every AudienceRestriction, for display. */
  audiences: string[]
  /**
   * The Audiences of each AudienceRestriction, one list per element: every one must name the
   * relying party, the Audiences within one being alternatives (SAML Core 2.0 §2.5.1.4).
   */
  audienceRestrictions: string[][]
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
  // Four base64 characters carry three bytes: a longer parameter decodes to too large an assertion.
  if (value.length > Math.ceil(MAX_XML_BYTES / 3) * 4) throw new SamlAssertionInvalid("too large")
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) throw new SamlAssertionInvalid("not base64url")
  const xml = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8")
  if (!xml.trimStart().startsWith("<")) throw new SamlAssertionInvalid("not XML")
  return xml
}

/**
 * Parses with xmldom, refusing a DOCTYPE (entity expansion, external entities: no assertion needs
 * one; S-272), any well-formedness error, which xmldom would otherwise only report, and a document
 * past MAX_XML_BYTES or MAX_ELEMENTS.
 */
export function parseSamlXml(xml: string): Document {
  // A string's length in UTF-16 units never exceeds its UTF-8 size: the byte limit holds.
  if (xml.length > MAX_XML_BYTES) throw new SamlAssertionInvalid("too large")
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
  refuseTooManyElements(doc)
  return doc
}

/** Counts elements in document order, without recursion, stopping past MAX_ELEMENTS. */
function refuseTooManyElements(doc: Document): void {
  let count = 0
  let n: Node | null = doc.firstChild
  while (n) {
    if (isElement(n) && ++count > MAX_ELEMENTS) throw new SamlAssertionInvalid("too many elements")
    if (n.firstChild) {
      n = n.firstChild
      continue
    }
    while (n && !n.nextSibling) n = n.parentNode === doc ? null : n.parentNode
    n = n?.nextSibling ?? null
  }
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

/**
 * xs:dateTime in UTC as SAML requires (SAML Core 2.0 §1.3.3), to ms; anything else is refused.
 * The shape alone is not enough: Date.parse answers NaN for month 13 (and NaN passes every
 * comparison with the clock) and rolls 31 February into March. A real date parses to a finite time
 * that prints back with the same fields (docs/security.md, S-274).
 */
function time(el: Element | undefined, attr: string): number | undefined {
  const v = el?.getAttribute(attr)
  if (!v) return undefined
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/.test(v) ? Date.parse(v) : NaN
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 19) !== v.slice(0, 19))
    throw new SamlAssertionInvalid(`${attr} is not a UTC dateTime`)
  return ms
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

/**
 * The Audiences of each AudienceRestriction, every other Condition understood or the assertion
 * refused: a relying party that does not understand a Condition cannot judge the assertion valid
 * (SAML Core 2.0 §2.5.1). OneTimeUse, at most once (§2.5.1.5), is met by the org's single use of
 * each assertion ID (S-275); ProxyRestriction and custom Condition types are not modelled.
 */
function audienceRestrictions(conditions: Element | undefined): string[][] {
  const out: string[][] = []
  let oneTimeUse = 0
  for (let n = conditions?.firstChild; n; n = n.nextSibling) {
    if (!isElement(n)) continue
    const ours = n.namespaceURI === SAML_NS
    if (ours && n.localName === "AudienceRestriction")
      out.push(children(n, SAML_NS, "Audience").map((a) => text(a)))
    else if (ours && n.localName === "OneTimeUse") {
      if (++oneTimeUse > 1) throw new SamlAssertionInvalid("more than one OneTimeUse")
    } else throw new SamlAssertionInvalid(`a Condition the org does not understand: ${n.localName}`)
  }
  return out
}

/** The claims of a canonical, signed copy of the assertion. */
function readClaims(root: Element): SamlClaims {
  const subject = child(root, "Subject")
  const confirmation = child(subject, "SubjectConfirmation")
  const data = child(confirmation, "SubjectConfirmationData")
  const conditions = child(root, "Conditions")
  const restrictions = audienceRestrictions(conditions)
  return {
    id: root.getAttribute("ID") ?? "",
    issuer: text(child(root, "Issuer")),
    nameId: text(child(subject, "NameID")),
    audiences: restrictions.flat(),
    audienceRestrictions: restrictions,
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
