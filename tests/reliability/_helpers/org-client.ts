import { CookieJar } from "./cookie-jar"
import { authorizeAsUser } from "./flows"

/**
 * The embedded org's back-channel endpoints, called as the site's connected app would call them
 * (client id and secret from the data folder), for setting up and checking state around the site.
 */
export class OrgClient {
  constructor(
    /** The org's My Domain (its own origin). */
    private readonly orgUrl: string,
    /** The site, whose callback URL the app registers. */
    private readonly siteUrl: string,
    private readonly app: { clientId: string; clientSecret: string },
  ) {}

  private post(path: string, form: Record<string, string>): Promise<Response> {
    return fetch(`${this.orgUrl}/services/oauth2/${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: this.app.clientId,
        client_secret: this.app.clientSecret,
        ...form,
      }).toString(),
    })
  }

  async introspect(
    token: string,
  ): Promise<{ active: boolean; username?: string; client_id?: string; token_type?: string }> {
    return (await (await this.post("introspect", { token })).json()) as {
      active: boolean
      username?: string
    }
  }

  revoke(token: string): Promise<Response> {
    return this.post("revoke", { token })
  }

  refresh(refreshToken: string): Promise<Response> {
    return this.post("token", { grant_type: "refresh_token", refresh_token: refreshToken })
  }

  redeem(code: string): Promise<Response> {
    return this.post("token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: `${this.siteUrl}/flows/web-server/callback`,
    })
  }

  /**
   * A code for `user` through the org's own pages, without the site (so the test holds it, and can
   * redeem it itself). No PKCE: the org requires it only when the setting says so.
   */
  async codeFor(user: { username: string; password: string }): Promise<string> {
    const jar = new CookieJar(this.orgUrl)
    const q = new URLSearchParams({
      response_type: "code",
      client_id: this.app.clientId,
      redirect_uri: `${this.siteUrl}/flows/web-server/callback`,
      scope: "api refresh_token",
      state: "reliability",
    })
    const { callback } = await authorizeAsUser(
      jar,
      `${this.orgUrl}/services/oauth2/authorize?${q}`,
      user,
    )
    const code = callback.searchParams.get("code")
    if (!code) throw new Error(`no code in ${callback}`)
    return code
  }

  /** Logs in to the org's settings page as the administrator: a jar and the page's CSRF token. */
  async adminSettings(): Promise<{ jar: CookieJar; csrf: string; html: string }> {
    const jar = new CookieJar(this.orgUrl)
    const login = await jar.fetch("/settings")
    const loginHtml = await (
      await jar.fetch(new URL(login.headers.get("location")!, this.orgUrl).toString())
    ).text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(loginHtml)![1]!
    const done = await jar.postForm("/login", {
      _csrf: csrf,
      startURL: "/settings",
      username: "admin@example.com",
      password: "admin1234",
    })
    if (done.status !== 303) throw new Error(`admin login: HTTP ${done.status}`)
    const html = await (await jar.fetch("/settings")).text()
    // The org's CSRF token is bound to its browser session, which the login just replaced: the
    // settings page carries the one its forms must send now.
    return { jar, csrf: /name="_csrf" value="([^"]+)"/.exec(html)![1]!, html }
  }
}
