/**
 * The org's pages are written as `html` tagged templates whose interpolations are escaped by
 * default: a value reaches the markup unescaped only if it is itself `SafeHtml`, which only this
 * tag makes. Forgetting to escape a login hint, a username or an error description (a reflected
 * XSS, S-95) cannot happen: there is nothing to forget. React's `renderToStaticMarkup` would do the
 * same, but Next refuses `react-dom/server` in a route handler's module graph.
 * Escaping follows the OWASP XSS Prevention Cheat Sheet, rule #1 and #2 (element content and quoted
 * attribute values): https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
 */
class SafeHtml {
  // A private field makes the type nominal: no string or look-alike object is assignable to it.
  readonly #markup: string
  constructor(markup: string) {
    this.#markup = markup
  }
  toString(): string {
    return this.#markup
  }
}
export type { SafeHtml }

/** What a template may interpolate: text (escaped), markup made by `html`, nothing, or lists of these. */
export type Interpolation =
  SafeHtml | string | number | false | null | undefined | readonly Interpolation[]

function escapeText(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.toString()
  if (Array.isArray(value)) return value.map(render).join("")
  if (value === false || value === null || value === undefined) return ""
  return escapeText(String(value))
}

/** Escaping suits element content and quoted attribute values only: an unquoted one is a bug. */
const UNQUOTED_ATTRIBUTE = /=\s*$/

export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): SafeHtml {
  let out = strings[0] ?? ""
  values.forEach((value, i) => {
    if (UNQUOTED_ATTRIBUTE.test(strings[i] ?? ""))
      throw new Error("html: quote every attribute value that is interpolated")
    out += render(value) + (strings[i + 1] ?? "")
  })
  return new SafeHtml(out)
}

/** Items joined by a separator, e.g. one per line as the page source had them. */
export function joinHtml(items: readonly Interpolation[], separator: string): SafeHtml {
  return new SafeHtml(items.map(render).join(escapeText(separator)))
}
