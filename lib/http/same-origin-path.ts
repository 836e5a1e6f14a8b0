/**
 * `location` as a path on `origin`, or `fallback` when it would leave it. The origin is compared by
 * parsing, as the browser will (`/\evil.example` and `/%09/evil.example` are other hosts to it), never
 * by looking at the first characters (docs/security.md, C-18; RFC 9700 §4.11.1).
 */
export function sameOriginPath(location: unknown, origin: string, fallback: string): string {
  if (typeof location !== "string" || !location.startsWith("/")) return fallback
  let u: URL
  try {
    u = new URL(location, origin)
  } catch {
    return fallback
  }
  return u.origin === origin ? `${u.pathname}${u.search}${u.hash}` : fallback
}
