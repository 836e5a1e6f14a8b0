import { CookieJar } from "./cookie-jar"
import { INSTANCE_HEADER } from "./proxy"

/**
 * Which site instance serves each step (behind the proxy); undefined lets the proxy choose. The org
 * is one server of its own that every instance shares, as Salesforce is.
 */
export interface Routing {
  start?: number
  finish?: number
}

const on = (i: number | undefined): Record<string, string> =>
  i === undefined ? {} : { [INSTANCE_HEADER]: String(i) }

export class FlowFailure extends Error {
  constructor(step: string, res: Response, detail = "") {
    super(
      `${step}: HTTP ${res.status}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""}${detail ? ` (${detail})` : ""}`,
    )
  }
}

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, "&")

/**
 * Drives the embedded org's pages from an authorize URL like a person: logs in when asked, allows
 * on the consent page, and stops at the first redirect that leaves the org (the site's callback).
 * Returns that callback URL and whether a consent page was shown.
 */
export async function authorizeAsUser(
  jar: CookieJar,
  authorizeUrl: string,
  user: { username: string; password: string },
): Promise<{ callback: URL; consent: boolean }> {
  const org = new URL(authorizeUrl).origin
  let res = await jar.fetch(authorizeUrl)
  let consent = false
  for (let hop = 0; hop < 8; hop++) {
    const location = res.headers.get("location")
    if (!location) throw new FlowFailure("authorize", res, (await res.text()).slice(0, 200))
    const next = new URL(location, org)
    if (next.origin !== org) return { callback: next, consent }
    if (next.pathname === "/login") {
      const html = await (await jar.fetch(next.toString())).text()
      res = await jar.postForm(`${org}/login`, {
        _csrf: hidden(html, "_csrf") ?? "",
        startURL: hidden(html, "startURL") ?? "",
        username: user.username,
        password: user.password,
      })
      if (res.status !== 303) throw new FlowFailure("login", res)
    } else if (next.pathname === "/consent") {
      consent = true
      const html = await (await jar.fetch(next.toString())).text()
      res = await jar.postForm(`${org}/consent`, {
        _csrf: hidden(html, "_csrf") ?? "",
        request: hidden(html, "request") ?? "",
        decision: "allow",
      })
    } else {
      res = await jar.fetch(next.toString())
    }
  }
  throw new Error("authorize: too many redirects")
}

/** Expects a 303 to the inspector (a signed-in flow), else throws with where it went instead. */
function expectInspector(step: string, res: Response): void {
  if (res.status !== 303 || res.headers.get("location") !== "/inspector")
    throw new FlowFailure(step, res)
}

/**
 * The Web Server flow at the HTTP level: Start (site) → authorize, login, consent (org) →
 * callback (site). Returns the callback URL it finished with (code and state).
 */
export async function webServerFlow(
  jar: CookieJar,
  user: { username: string; password: string },
  route: Routing = {},
): Promise<{ callback: URL; consent: boolean }> {
  const start = await jar.postForm("/flows/web-server/start", {}, on(route.start))
  const location = start.headers.get("location") ?? ""
  if (start.status !== 303 || !location.includes("/services/oauth2/authorize"))
    throw new FlowFailure("web server start", start)
  const done = await authorizeAsUser(jar, location, user)
  if (done.callback.pathname !== "/flows/web-server/callback")
    throw new Error(`web server: the org sent the browser to ${done.callback}`)
  expectInspector(
    "web server callback",
    await jar.fetch(done.callback.toString(), { headers: on(route.finish) }),
  )
  return done
}

/** The JWT Bearer flow: one same-origin POST with a configured username. */
export async function jwtLogin(jar: CookieJar, username: string, instance?: number): Promise<void> {
  expectInspector(
    `jwt bearer (${username})`,
    await jar.postForm("/flows/jwt-bearer/start", { username }, on(instance)),
  )
}

/**
 * The User-Agent flow: Start → authorize (token in the fragment of the callback URL) → the callback
 * page's POST of the fragment to /flows/user-agent/complete, which answers `{ location }`.
 */
export async function userAgentFlow(
  jar: CookieJar,
  user: { username: string; password: string },
  route: Routing = {},
): Promise<void> {
  const start = await jar.postForm("/flows/user-agent/start", {}, on(route.start))
  const location = start.headers.get("location") ?? ""
  if (start.status !== 303 || !location.includes("response_type=token"))
    throw new FlowFailure("user agent start", start)
  const { callback } = await authorizeAsUser(jar, location, user)
  if (callback.pathname !== "/flows/user-agent/callback" || !callback.hash)
    throw new Error(`user agent: the org sent the browser to ${callback}`)
  const fragment = Object.fromEntries(new URLSearchParams(callback.hash.slice(1)))
  const res = await jar.postJson("/flows/user-agent/complete", fragment, on(route.finish))
  const body = (await res.json()) as { location?: string }
  if (res.status !== 200 || body.location !== "/inspector")
    throw new FlowFailure("user agent complete", res, JSON.stringify(body))
}

/** Who `/api/auth/session` says is signed in (identity only: the route never shows a token). */
export async function sessionUser(jar: CookieJar, instance?: number): Promise<string | undefined> {
  const res = await jar.fetch("/api/auth/session", { headers: on(instance) })
  const body = (await res.json()) as { lab?: { user?: { username?: string } } }
  return body.lab?.user?.username
}

/** The session's access token, through the inspector's same-origin Reveal (the only way out of the cookie). */
export async function revealAccessToken(
  jar: CookieJar,
  instance?: number,
): Promise<string | undefined> {
  const res = await jar.postJson("/inspector/reveal", { field: "access_token" }, on(instance))
  return res.status === 200 ? ((await res.json()) as { value?: string }).value : undefined
}

/** The inspector page, as the signed-in user sees it. */
export async function inspectorHtml(
  jar: CookieJar,
  instance?: number,
): Promise<{ status: number; html: string }> {
  const res = await jar.fetch("/inspector", { headers: on(instance) })
  return { status: res.status, html: await res.text() }
}
