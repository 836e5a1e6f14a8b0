import { DOMImplementation, DOMParser, XMLSerializer } from "@xmldom/xmldom"
import { METADATA_NS, type EcaMetadataType } from "./metadata-types"

export class EcaXmlError extends Error {
  readonly code = "ECA_XML_INVALID"
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

/** A field: a text value, or nested fields (a structured value such as `types` in package.xml). */
export type XmlField = [name: string, value: string | XmlField[]]

/**
 * A metadata file built with xmldom, so every value is escaped by the serializer (never by string
 * concatenation; docs/security.md, C-161), indented by four spaces as Salesforce's own files are.
 */
export function buildXml(root: string, fields: readonly XmlField[]): string {
  const doc = new DOMImplementation().createDocument(METADATA_NS, root, null)
  const add = (parent: Element, list: readonly XmlField[], depth: number) => {
    for (const [name, value] of list) {
      parent.appendChild(doc.createTextNode(`\n${"    ".repeat(depth)}`))
      const el = doc.createElementNS(METADATA_NS, name)
      if (typeof value === "string") el.appendChild(doc.createTextNode(value))
      else add(el, value, depth + 1)
      parent.appendChild(el)
    }
    if (list.length) parent.appendChild(doc.createTextNode(`\n${"    ".repeat(depth - 1)}`))
  }
  add(doc.documentElement!, fields, 1)
  return `${DECLARATION}${new XMLSerializer().serializeToString(doc)}\n`
}

/** One metadata file read back: its direct child elements, text or "structured" when nested. */
export interface ParsedMetadata {
  fields: Map<string, string>
  /** Direct child elements that hold elements of their own (idTokenConfig, trustedIpRanges…). */
  structured: string[]
  /** Child elements the reference does not list for this type. */
  unknown: string[]
}

/**
 * Parses a metadata file safely: a DOCTYPE (and with it any entity, internal or external) is
 * refused before parsing, so no entity is ever expanded (XXE, "billion laughs"; docs/security.md,
 * S-260); a parse error or a root that is not the expected type in the metadata namespace is refused.
 */
export function parseMetadata(text: string, type: EcaMetadataType): ParsedMetadata {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new EcaXmlError(`${type.name}: a DOCTYPE or entity declaration is not allowed`)
  const problems: string[] = []
  const doc = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (m: string) => problems.push(m),
      fatalError: (m: string) => problems.push(m),
    },
  }).parseFromString(text, "text/xml")
  const root = doc?.documentElement
  if (problems.length || !root)
    throw new EcaXmlError(`${type.name}: the file is not well-formed XML`)
  if (root.localName !== type.name || root.namespaceURI !== METADATA_NS)
    throw new EcaXmlError(
      `${type.name}: the root element must be <${type.name} xmlns="${METADATA_NS}">`,
    )
  const out: ParsedMetadata = { fields: new Map(), structured: [], unknown: [] }
  for (let n = root.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue
    const el = n as Element
    const name = el.localName ?? el.nodeName
    if (!type.fields.includes(name)) out.unknown.push(name)
    else if (Array.from(el.childNodes).some((c) => c.nodeType === 1)) out.structured.push(name)
    else out.fields.set(name, (el.textContent ?? "").trim())
  }
  return out
}

/** Parses any document for tests and checks: its root, or an EcaXmlError. */
export function wellFormedRoot(text: string): Element {
  const problems: string[] = []
  const doc = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (m: string) => problems.push(m),
      fatalError: (m: string) => problems.push(m),
    },
  }).parseFromString(text, "text/xml")
  if (problems.length || !doc?.documentElement) throw new EcaXmlError(problems.join("; "))
  return doc.documentElement
}
