/**
 * One user's browser at the HTTP level: a cookie jar (name, path, expiry by Max-Age=0) and
 * `fetch` with `redirect: "manual"`, so every hop of a flow is visible and asserted.
 */
interface StoredCookie {
  value: string
  path: string
  /** Host-only cookies, as the site and the org set them: browsers scope them by host name, not port. */
  host: string
}

export class CookieJar {
  private cookies = new Map<string, StoredCookie>()

  constructor(readonly origin: string) {}

  /** Stores every Set-Cookie of a response from `host` (a Max-Age=0 or empty cookie deletes). */
  store(res: Response, host = new URL(this.origin).hostname): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";")
      const eq = pair!.indexOf("=")
      if (eq < 1) continue
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      const path =
        attrs
          .map((a) => a.trim())
          .find((a) => /^path=/i.test(a))
          ?.slice(5) || "/"
      const key = `${name}\u0000${path}\u0000${host}`
      if (!value || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(key)
      else this.cookies.set(key, { value, path, host })
    }
  }

  /** The Cookie header a browser would send to `pathname` on `host` (default: the jar's origin). */
  header(pathname: string, host = new URL(this.origin).hostname): string {
    const out: string[] = []
    for (const [key, c] of this.cookies) {
      if (c.host !== host) continue
      if (pathname === c.path || pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
        out.push(`${key.split("\u0000")[0]}=${c.value}`)
    }
    return out.join("; ")
  }

  has(name: string): boolean {
    return [...this.cookies.keys()].some((k) => k.split("\u0000")[0] === name)
  }

  /** A request with this jar's cookies; the response's cookies go back into the jar. */
  async fetch(
    pathOrUrl: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const url = new URL(pathOrUrl, this.origin)
    const cookie = this.header(url.pathname, url.hostname)
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
    })
    this.store(res, url.hostname)
    return res
  }

  /** A same-origin form POST, as the site's (or, given its URL, the org's) own pages send it. */
  postForm(
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return this.fetch(path, {
      method: "POST",
      body: new URLSearchParams(form).toString(),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: new URL(path, this.origin).origin,
        ...headers,
      },
    })
  }

  postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", origin: this.origin, ...headers },
    })
  }
}
