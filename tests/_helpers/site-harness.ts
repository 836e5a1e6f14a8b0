import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { otherPrivateKeyPem } from "./assertions"
import { callbackParams, runAuthorize, TestBrowser } from "./browser"
import { createTestOrg, type TestOrg } from "./org"
import { serve } from "./serve"

/** One request the org saw on its back channel (what the site itself sent). */
export interface OrgRequest {
  method: string
  path: string
  body: string
}

/**
 * The site's flow code in real-org mode against an embedded org served on a loopback port, with
 * the two things the security catalogue asks of a harness (docs/security.md, *Refused input*): a
 * request log (to assert "the site did not call the token endpoint", EF4) and a fault hook that
 * rewrites the org's answers (a hostile or misbehaving authorization server, as the OpenID
 * conformance suite plays one).
 */
export interface SiteHarness {
  t: TestOrg
  site: string
  loginUrl: string
  clientId: string
  clientSecret: string
  privateKeyPem: string
  log: OrgRequest[]
  /** Rewrites the org's response to a back-channel request; reset to undefined by `reset()`. */
  fault?: (req: Request, res: Response) => Response | Promise<Response>
  /** Token endpoint calls since the last reset. */
  tokenCalls: () => OrgRequest[]
  /** Paths the site called, in order, since the last reset (query strings dropped). */
  paths: () => string[]
  reset: () => void
  close: () => Promise<void>
}

export const CLIENT_SECRET = "HARNESS-CLIENT-SECRET-CANARY"

/** Starts the org and points the site's configuration at it. Call once per test file (beforeAll). */
export async function startSiteHarness(site = "http://localhost:3999"): Promise<SiteHarness> {
  const privateKeyPem = otherPrivateKeyPem()
  const clientId = "3MVG9HarnessClient"
  const h = { log: [] as OrgRequest[], fault: undefined } as unknown as SiteHarness
  const server = await serve(async (req) => {
    const body = req.method === "POST" ? await req.clone().text() : ""
    const u = new URL(req.url)
    h.log.push({ method: req.method, path: u.pathname.replace(/^\/emulator/, ""), body })
    const res = await h.t.org.handle(req)
    return h.fault ? h.fault(req, res) : res
  })
  const t = await createTestOrg({
    baseUrl: `${server.origin}/emulator`,
    app: { clientId, clientSecret: CLIENT_SECRET, privateKeyPem },
    now: Date.now,
    callbackUrls: [`${site}/flows/web-server/callback`, `${site}/flows/user-agent/callback`],
  })
  const saved = { ...process.env }
  Object.assign(process.env, {
    SALESFORCE_LOGIN_URL: `${server.origin}/emulator`,
    SALESFORCE_CLIENT_ID: clientId,
    SALESFORCE_CLIENT_SECRET: CLIENT_SECRET,
    SALESFORCE_PRIVATE_KEY: privateKeyPem.replace(/\n/g, "\\n"),
    SALESFORCE_PRIVATE_KEY_FILE: "",
    SALESFORCE_USERNAME: "admin@example.com",
    SALESFORCE_JWT_USERNAMES: "",
    SALESFORCE_JWT_AUDIENCE: "",
    SALESFORCE_SCOPES: "",
    NEXTAUTH_URL: site,
    NEXTAUTH_SECRET: "a-harness-secret-of-at-least-32-characters",
    SALESFORCE_LAB_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-harness-")),
  })
  Object.assign(h, {
    t,
    site,
    loginUrl: t.base,
    clientId,
    clientSecret: CLIENT_SECRET,
    privateKeyPem,
    tokenCalls: () => h.log.filter((r) => r.path === "/services/oauth2/token"),
    paths: () => h.log.map((r) => r.path),
    reset: () => {
      h.log.length = 0
      h.fault = undefined
    },
    close: async () => {
      process.env = saved
      t.close()
      await server.close()
    },
  })
  return h
}

/** The `name=value` pairs of Set-Cookie headers that are not deletions, as a Cookie header. */
export const cookieHeader = (setCookies: string[]) =>
  setCookies
    .filter((c) => !/Max-Age=0/i.test(c))
    .map((c) => c.split(";")[0])
    .join("; ")

/** The cookie header a browser would send after `setCookies`, on top of `jar`. */
export function withCookies(jar: string, setCookies: string[]): string {
  const m = new Map(
    jar
      .split(/;\s*/)
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)] as const),
  )
  for (const c of setCookies) {
    const [pair] = c.split(";")
    const name = pair!.slice(0, pair!.indexOf("="))
    if (/Max-Age=0/i.test(c)) m.delete(name)
    else m.set(name, pair!.slice(pair!.indexOf("=") + 1))
  }
  return [...m].map(([k, v]) => `${k}=${v}`).join("; ")
}

const DEMO = { username: "demo@example.com", password: "demo1234" }

/** Starts the site's Web Server flow and runs the org's login and consent: the unvisited callback. */
export async function webServerCallback(
  h: SiteHarness,
  user = DEMO,
): Promise<{ callback: URL; cookie: string; authorize: URL }> {
  const { startWebServer } = await import("@/lib/flows/web-server")
  const start = await startWebServer()
  const authorize = new URL(start.location)
  const run = await runAuthorize(
    new TestBrowser(h.t),
    h.t,
    Object.fromEntries(authorize.searchParams),
    user,
  )
  if (!run.location) throw new Error("the org did not redirect to the callback")
  return { callback: new URL(run.location), cookie: cookieHeader(start.cookies), authorize }
}

/** The whole Web Server flow through the site's callback: its cookies as a jar, and the session. */
export async function signedInWebServer(h: SiteHarness) {
  const { finishWebServer } = await import("@/lib/flows/web-server")
  const { callback, cookie } = await webServerCallback(h)
  const jar = cookieHeader((await finishWebServer(callback, cookie)).cookies)
  return { jar, session: (await sessionOf(jar.split("; ")))! }
}

/** Starts the site's User-Agent flow and runs the org's login and consent: the fragment, unposted. */
export async function userAgentFragment(
  h: SiteHarness,
  user = DEMO,
): Promise<{ fragment: Record<string, string>; cookie: string; authorize: URL }> {
  const { startUserAgent } = await import("@/lib/flows/user-agent")
  const start = await startUserAgent()
  const authorize = new URL(start.location)
  const run = await runAuthorize(
    new TestBrowser(h.t),
    h.t,
    Object.fromEntries(authorize.searchParams),
    user,
  )
  if (!run.location) throw new Error("the org did not redirect to the callback")
  return {
    fragment: Object.fromEntries(callbackParams(run.location)),
    cookie: cookieHeader(start.cookies),
    authorize,
  }
}

/** The failure the error page would show, from a flow step's Set-Cookie headers. */
export async function failureOf(
  setCookies: string[],
): Promise<Record<string, unknown> | undefined> {
  const { unsealCookie } = await import("@/lib/auth/sealed-cookie")
  return unsealCookie(cookieHeader(setCookies), "sfl_error", "flow error")
}

/** The session a flow step opened, if any. */
export async function sessionOf(setCookies: string[]) {
  const { readSession } = await import("@/lib/auth/session-cookie")
  return readSession(cookieHeader(setCookies))
}

/** Rewrites the JSON body of a response (keeping status and headers). */
export async function rewriteJson(
  res: Response,
  edit: (
    body: Record<string, unknown>,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>,
): Promise<Response> {
  const body = (await res.json()) as Record<string, unknown>
  const headers = new Headers(res.headers)
  headers.delete("content-length")
  return new Response(JSON.stringify(await edit(body)), { status: res.status, headers })
}

export const isTokenRequest = (req: Request) =>
  new URL(req.url).pathname.endsWith("/services/oauth2/token")
