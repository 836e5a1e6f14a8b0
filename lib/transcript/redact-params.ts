import { fieldKind, marker, type KnownSecret, type SecretKind } from "./redact-kinds"

/**
 * Redaction of `name=value` parameters, wherever they sit: a form body (whatever its content
 * type), a URL's query and fragment, a URL inside a header or inside free text. Names and values
 * are decoded as URLSearchParams decodes them, which is how the site and the org read them: a name
 * written `co%64e` is `code` to both, so it is `code` here too (docs/security.md: the transcript
 * redacts secrets).
 */

/** The kind of a bare `token=` (revoke, introspect): known tokens decide, else an access token. */
export function tokenKind(value: string, known: readonly KnownSecret[]): SecretKind {
  return (
    known.find((k) => k.value === value)?.kind ??
    (value.startsWith("5Aep") ? "refresh_token" : "access_token")
  )
}

/**
 * A JWT assertion keeps its header and payload (readable claims) and loses its signature, so it
 * cannot be presented again. Anything else, the SAML Bearer assertion above all (RFC 7522 §2.1:
 * base64url XML with its XML-DSig signature inside), is replaced whole: a copy read back from the
 * transcript was accepted by the org once the user's approval was restored, since the org only
 * remembers an assertion's ID after it passes (docs/security.md, S-275). Its readable content stays
 * elsewhere: the flow's note (NameID, Audience, Recipient, NotOnOrAfter, ID) and the inspector's
 * SAML view (lib/inspector/saml-checks.ts).
 */
function redactAssertion(assertion: string): string {
  const parts = assertion.split(".")
  return parts.length === 3
    ? `${parts[0]}.${parts[1]}.${marker("assertion_signature", parts[2]!)}`
    : marker("assertion", assertion)
}

/** The redacted value of a parameter or JSON field called `name`, or undefined when it holds no secret. */
export function redactValue(
  name: string,
  value: string,
  known: readonly KnownSecret[],
): string | undefined {
  if (name === "assertion" || name === "client_assertion") return redactAssertion(value)
  if (name === "token") return marker(tokenKind(value, known), value)
  const kind = fieldKind(name)
  return kind && marker(kind, value)
}

/** Whether a parameter or JSON field called `name` holds a secret. */
export const isSecretName = (name: string) =>
  name === "assertion" || name === "client_assertion" || name === "token" || !!fieldKind(name)

/** A marker this module wrote: a value holding one was redacted already, by an earlier pass. */
const HAS_MARKER = /\[REDACTED [a-z_]+(?: [^\]]*)?\]/

/** One `name=value` pair (no `&` in it): the name kept as written, a secret value replaced. */
function redactPair(pair: string, known: readonly KnownSecret[]): string {
  const eq = pair.indexOf("=")
  if (eq < 0) return pair
  // Lenient like the org's parser: a malformed escape (`%ZZ`) stays as written, not an error.
  const [name = "", value = ""] = [...new URLSearchParams(pair)][0] ?? []
  if (!value || HAS_MARKER.test(value)) return pair
  const redacted = redactValue(name, value, known)
  return redacted === undefined ? pair : `${pair.slice(0, eq)}=${redacted}`
}

/** A form body or query string: secret-bearing fields are replaced, everything else kept as sent. */
export function redactForm(text: string, known: readonly KnownSecret[]): string {
  // No pair without "=": every piece would be kept as written (the common case, measured hot).
  if (!text.includes("=")) return text
  return text
    .split("&")
    .map((pair) => redactPair(pair, known))
    .join("&")
}

/** Replaces every occurrence of a known secret (raw or URL-encoded) that the patterns missed. */
export function redactKnown(text: string, known: readonly KnownSecret[]): string {
  let out = text
  for (const k of [...known].sort((a, b) => b.value.length - a.value.length)) {
    if (k.value.length < 8) continue
    for (const form of new Set([k.value, encodeURIComponent(k.value)]))
      out = out.split(form).join(marker(k.kind, k.value))
  }
  return out
}

/** A URL (absolute or relative) with the parameters of its query and of its fragment redacted. */
function redactUrlParams(url: string, known: readonly KnownSecret[]): string {
  const q = url.indexOf("?")
  const hash = url.indexOf("#")
  let out = url
  if (hash >= 0) out = `${out.slice(0, hash)}#${redactForm(out.slice(hash + 1), known)}`
  if (q >= 0 && (hash < 0 || q < hash)) {
    const end = out.indexOf("#") >= 0 ? out.indexOf("#") : out.length
    out = `${out.slice(0, q)}?${redactForm(out.slice(q + 1, end), known)}${out.slice(end)}`
  }
  return out
}

export function redactUrl(url: string, known: readonly KnownSecret[]): string {
  return redactKnown(redactUrlParams(url, known), known)
}

/** A word: a run of anything but a space, `<`, `>` and `"`, markers (which hold spaces) included. */
const WORD = /(?:\[REDACTED [a-z_]+(?: [^\]]*)?\]|[^\s<>"])+/g

/**
 * Free text (a header such as Link or Refresh, a text or HTML body, a JSON string): form pairs with
 * a secret name, then each word that carries a query or a fragment as a URL, and each other word
 * as a form (`… bad code=…` in a sentence). A word ends where a URL cannot go on unencoded
 * (RFC 3986 §2 and Appendix C: a space, `<`, `>`, `"`), so a link in HTML or in a Link header is
 * one word.
 */
export function redactText(text: string, known: readonly KnownSecret[]): string {
  // Without "=" there is no pair, in the text or in any URL of it: nothing to redact by position.
  if (!text.includes("=")) return text
  return redactForm(text, known).replace(WORD, (word) =>
    /[?#]/.test(word) ? redactUrlParams(word, known) : redactForm(word, known),
  )
}
