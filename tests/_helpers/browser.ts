import type { TestOrg } from "./org"

/**
 * A minimal browser for in-process tests: a cookie jar, and the forms of the org's login and
 * consent pages filled in the way a person would.
 */
export class TestBrowser {
  private jar = new Map<string, string>()

  constructor(private readonly t: TestOrg) {}

  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";")
      const eq = pair!.indexOf("=")
      const name = pair!.slice(0, eq)
      const value = pair!.slice(eq + 1)
      if (/max-age=0/i.test(c)) this.jar.delete(name)
      else this.jar.set(name, value)
    }
  }

  private cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ")
  }

  async get(url: string): Promise<Response> {
    const res = await this.t.call(url, { headers: { cookie: this.cookieHeader() } })
    this.store(res)
    return res
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    // A browser names the page's origin on every form post (the org checks it, S-13).
    const origin = new URL(this.t.base).origin
    const res = await this.t.call(url, { form, headers: { cookie: this.cookieHeader(), origin } })
    this.store(res)
    return res
  }

  hasSession() {
    return this.jar.has("sid") || this.jar.has("__Secure-sid")
  }
}

export const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ""
const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, "&") ?? ""

export interface AuthorizeRun {
  /** Where the org finally sent the browser (the client's callback), or undefined. */
  location?: string
  /** The last response (an error page, or the redirect to the callback). */
  response: Response
  sawLogin: boolean
  sawConsent: boolean
}

/**
 * Drives `/services/oauth2/authorize` like a person: logs in when asked, answers the consent page,
 * and stops at the first redirect that leaves the org.
 */
export async function runAuthorize(
  b: TestBrowser,
  t: TestOrg,
  params: Record<string, string>,
  user: { username: string; password: string; consent?: "allow" | "deny" } = {
    username: "demo@example.com",
    password: "demo1234",
  },
): Promise<AuthorizeRun> {
  let res = await b.get(`/services/oauth2/authorize?${new URLSearchParams(params)}`)
  let sawLogin = false
  let sawConsent = false
  for (let hops = 0; hops < 10; hops++) {
    const location = res.headers.get("location")
    if (!location) return { response: res, sawLogin, sawConsent }
    const abs = new URL(location, t.base).toString()
    if (!abs.startsWith(t.base)) return { location: abs, response: res, sawLogin, sawConsent }
    const page = await b.get(abs)
    const html = await page.clone().text()
    if (abs.includes("/login?")) {
      sawLogin = true
      res = await b.post("/login", {
        _csrf: csrfIn(html),
        startURL: hidden(html, "startURL"),
        username: user.username,
        password: user.password,
      })
    } else if (abs.includes("/consent?")) {
      sawConsent = true
      res = await b.post("/consent", {
        _csrf: csrfIn(html),
        request: hidden(html, "request"),
        decision: user.consent ?? "allow",
      })
    } else {
      res = page
    }
  }
  throw new Error("too many redirects")
}

/** The parameters the org sent back: query for a code, fragment for tokens. */
export function callbackParams(location: string): URLSearchParams {
  const u = new URL(location)
  return u.hash ? new URLSearchParams(u.hash.slice(1)) : u.searchParams
}
