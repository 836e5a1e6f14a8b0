/**
 * What counts as a clear answer to bad input (docs/security.md, *Refused input*, EF1): never a 5xx;
 * a redirect only to the site's own origin or the embedded org's; a 4xx whose body explains (JSON with an `error` field or
 * Salesforce's REST `errorCode`, a form-encoded OAuth error as the org's revoke endpoint answers by
 * default (docs/fidelity.md, F-110), an HTML page, or a plain-text message). Protocol-level refusals
 * need no body: 413, 414 and 431 from Node itself. A 405 must also name the methods the URL takes
 * (`Allow`, RFC 9110 §15.5.6): Next's own bare 405 (no body, no Allow) is not a clear answer.
 * A 2xx means the route ignored what it does not read, which is fine.
 * Returns undefined when the answer is clear, else why not.
 */
export function unclearAnswer(
  method: string,
  res: { status: number; headers: Headers },
  body: string,
  siteOrigin: string,
  /** Other origins a redirect may go to: the embedded org's (the site's old /emulator paths go there). */
  alsoAllowed: readonly string[] = [],
): string | undefined {
  const s = res.status
  if (s >= 500) return `${s}`
  if (s >= 200 && s < 300) return undefined
  if (s >= 300 && s < 400) {
    const location = res.headers.get("location")
    if (!location) return `${s} without Location`
    let target: URL
    try {
      target = new URL(location, siteOrigin)
    } catch {
      return `${s} to an unparsable Location ${location.slice(0, 80)}`
    }
    return target.origin === siteOrigin || alsoAllowed.includes(target.origin)
      ? undefined
      : `${s} to another origin: ${target.origin}`
  }
  if ([413, 414, 431].includes(s)) return undefined
  if (s === 405 && !res.headers.get("allow"))
    return `405 without Allow (${body ? "with" : "no"} body)`
  if (method === "HEAD") return undefined
  const type = res.headers.get("content-type") ?? ""
  if (type.includes("json")) {
    try {
      const parsed = JSON.parse(body) as unknown
      const first = Array.isArray(parsed)
        ? (parsed[0] as Record<string, unknown> | undefined)
        : (parsed as Record<string, unknown> | null)
      if (first && (typeof first.error === "string" || typeof first.errorCode === "string"))
        return undefined
      return `${s} JSON without an error field: ${body.slice(0, 80)}`
    } catch {
      return `${s} with a body that is not JSON: ${body.slice(0, 80)}`
    }
  }
  if (type.includes("application/x-www-form-urlencoded"))
    return new URLSearchParams(body).get("error")
      ? undefined
      : `${s} form-encoded without an error field: ${body.slice(0, 80)}`
  if (type.includes("text/html"))
    return /<title>[^<]+<\/title>|<h1[^>]*>[^<]+/i.test(body)
      ? undefined
      : `${s} HTML without a title or heading`
  if (type.includes("text/plain"))
    return body.trim().length > 10 && !body.includes("[object Object]")
      ? undefined
      : `${s} with a text body that explains nothing: ${body.slice(0, 40)}`
  return `${s} with content-type "${type}" and ${body.length} bytes`
}

/** A refusal of the method itself, answered with the methods the URL takes. */
export const methodRefusal = (status: number, headers: Headers) =>
  status === 405 && !!headers.get("allow")
