import { isElement, parseSamlXml } from "@/lib/salesforce/saml-xml"

/** Indents an XML document for reading (display only: the signed bytes are never re-serialized). */
export function prettySamlXml(xml: string): string {
  let doc: Document
  try {
    doc = parseSamlXml(xml)
  } catch {
    return xml
  }
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
  const attrs = (el: Element) =>
    Array.from(el.attributes)
      .map((a) => ` ${a.name}="${esc(a.value).replace(/"/g, "&quot;")}"`)
      .join("")
  const lines: string[] = []
  const walk = (el: Element, depth: number) => {
    const pad = "  ".repeat(depth)
    const kids = Array.from(el.childNodes).filter((n) => n.nodeType !== 3 || n.nodeValue?.trim())
    if (!kids.length) return void lines.push(`${pad}<${el.tagName}${attrs(el)}/>`)
    if (kids.every((n) => !isElement(n))) {
      const body = kids.map((n) =>
        n.nodeType === 8 ? `<!--${n.nodeValue}-->` : esc(n.nodeValue ?? ""),
      )
      return void lines.push(
        `${pad}<${el.tagName}${attrs(el)}>${body.join("").trim()}</${el.tagName}>`,
      )
    }
    lines.push(`${pad}<${el.tagName}${attrs(el)}>`)
    for (const n of kids)
      if (isElement(n)) walk(n, depth + 1)
      else
        lines.push(
          `${pad}  ${n.nodeType === 8 ? `<!--${n.nodeValue}-->` : esc((n.nodeValue ?? "").trim())}`,
        )
    lines.push(`${pad}</${el.tagName}>`)
  }
  walk(doc.documentElement, 0)
  return lines.join("\n")
}
