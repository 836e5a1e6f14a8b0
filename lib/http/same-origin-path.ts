/**
 * `location` as a whole URL on `origin`, or `fallback` when it would leave it. The origin is compared
 * by parsing, as the browser will (`/\evil.example` and `/%09/evil.example` are other hosts to it),
 * never by looking at the first characters (docs/security.md, C-18; RFC 9700 §4.11.1). The answer is
 * the parsed `href`, never a path: dot segments can turn a same-origin URL's path into
 * `//evil.example` (`/.//evil.example`), which as a bare path is another host (docs/security.md, C-74;
 * RFC 3986 §5.2.4 removes the dot segments, §4.2 makes `//…` a network-path reference).
 */
export function sameOriginPath(location: unknown, origin: string, fallback: string): string {
  if (typeof location !== "string" || !location.startsWith("/")) return fallback
  let u: URL
  try {
    u = new URL(location, origin)
  } catch {
    return fallback
  }
  return u.origin === origin ? u.href : fallback
}

/**
 * `location` as a bare path (path and query) for a Location header on `origin`, or `fallback`. The
 * path is taken from the URL `sameOriginPath` parsed and then resolved once more against `origin`:
 * dot segments can leave `//evil.example` or `/\evil.example` behind (`/.//evil.example`), which as a
 * bare path is another host (docs/security.md, C-74; RFC 3986 §4.2, §5.2.4), so only a path that
 * still lands on `origin` is given back.
 */
export function sameOriginRelativePath(
  location: unknown,
  origin: string,
  fallback: string,
): string {
  const href = sameOriginPath(location, origin, "")
  if (!href) return fallback
  const u = new URL(href)
  const path = u.pathname + u.search
  return new URL(path, origin).origin === origin ? path : fallback
}
