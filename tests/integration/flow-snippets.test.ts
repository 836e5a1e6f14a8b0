// Over 200 lines: one suite, the three flows' programs against one served org, sharing its sockets.
import fs from "node:fs"
import path from "node:path"
import vm from "node:vm"
import * as prettier from "prettier"
import { describe, expect, it, vi } from "vitest"
import { ACCOUNTS } from "@/lib/emulator/seed/records"
import {
  JWT_BEARER_FETCH_SNIPPET,
  JWT_BEARER_JSFORCE_SNIPPET,
} from "@/lib/flows/jwt-bearer-snippets"
import {
  USER_AGENT_FETCH_SNIPPET,
  USER_AGENT_JSFORCE_SNIPPET,
} from "@/lib/flows/user-agent-snippets"
import {
  WEB_SERVER_FETCH_SNIPPET,
  WEB_SERVER_JSFORCE_SNIPPET,
  webServerFetchSnippet,
  webServerJsforceSnippet,
} from "@/lib/flows/web-server-snippets"
import { saveAppSecretSettings } from "@/lib/emulator/store/app-settings"
import { runAuthorize, TestBrowser } from "../_helpers/browser"
import { freePort, startSnippet } from "../_helpers/node-snippet"
import { servedOrgPerTest } from "../_helpers/served-org"

/**
 * The flow pages' "Code to copy", run as the pages show them: each program is a node process
 * against the embedded org at the root of its two loopback origins (My Domain and the generic login
 * host). For the interactive flows the program is a small web app; the test is the person's
 * browser, on the org's login and consent pages and on the program's own pages.
 */
let callback: string
const s = servedOrgPerTest(async () => {
  callback = `http://127.0.0.1:${await freePort()}/oauth/callback`
  return { callbackUrls: [callback] }
})

const appEnv = () => ({
  SF_LOGIN_URL: s.t.base,
  SF_CLIENT_ID: s.t.org.credentials.clientId,
  SF_CLIENT_SECRET: s.t.org.credentials.clientSecret,
  SF_REDIRECT_URI: callback,
})

/** Starts the program, opens its /login in a browser with no cookies, and follows it to Salesforce. */
async function startAt(app: ReturnType<typeof startSnippet>) {
  const [, login] = await app.waitFor(/Open (\S+)/)
  expect(login).toBe(`${new URL(callback).origin}/login`)
  const start = await fetch(login!, { redirect: "manual" })
  expect(start.status).toBe(302)
  const cookie = start.headers.getSetCookie()[0]!.split(";")[0]!
  const authorize = new URL(start.headers.get("location")!)
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${s.t.base}/services/oauth2/authorize`)
  const query = authorize.searchParams
  expect(query.get("client_id")).toBe(s.t.org.credentials.clientId)
  expect(query.get("redirect_uri")).toBe(callback)
  expect(query.get("state")).toMatch(/^[\w-]{43}$/)
  return { cookie, query }
}

describe("the Web Server flow's code to copy", () => {
  async function signIn(
    source: string,
    env: Record<string, string> = appEnv(),
    { approvedBefore = false } = {},
  ) {
    const app = startSnippet(source, env)
    try {
      const { cookie, query } = await startAt(app)
      expect(query.get("response_type")).toBe("code")
      expect(query.get("code_challenge")).toMatch(/^[\w-]{43}$/)
      expect(query.get("code_challenge_method")).toBe("S256")
      const run = await runAuthorize(new TestBrowser(s.t), s.t, Object.fromEntries(query))
      expect(run.sawLogin).toBe(true)
      expect(run.sawConsent).toBe(!approvedBefore)
      expect(run.location?.startsWith(`${callback}?code=`)).toBe(true)

      // Another browser (no cookie) bringing the same callback is refused before the code is used.
      const elsewhere = await fetch(run.location!)
      expect(elsewhere.status).toBe(400)
      expect(await elsewhere.text()).toContain("start again at /login")

      const done = await fetch(run.location!, { headers: { cookie } })
      expect(await done.text()).toBe("Signed in as demo@example.com")
      expect(done.status).toBe(200)
      await app.waitFor(/Signed in as demo@example\.com/)

      // The sign-in was used once: the same callback again, from the same browser, is refused.
      const replay = await fetch(run.location!, { headers: { cookie } })
      expect(replay.status).toBe(400)
    } finally {
      await app.stop()
    }
  }

  it("the fetch program checks state, redeems the code with the verifier and secret, and says who signed in", async () => {
    await signIn(WEB_SERVER_FETCH_SNIPPET)
  }, 30_000)

  it("the jsforce program does the same with jsforce's OAuth2 and Connection", async () => {
    await signIn(WEB_SERVER_JSFORCE_SNIPPET)
  }, 30_000)

  /** A program that holds no secret: SF_CLIENT_SECRET is not even in its environment. */
  const envWithoutSecret = (extra: Record<string, string> = {}) => {
    const { SF_CLIENT_SECRET: _secret, ...env } = appEnv()
    return { ...env, ...extra }
  }

  for (const [lib, snippet] of [
    ["fetch", webServerFetchSnippet],
    ["jsforce", webServerJsforceSnippet],
  ] as const) {
    it(`public client (${lib}): no secret travels; the org takes PKCE alone once "Require Secret for Web Server Flow" is off`, async () => {
      const source = snippet("none")
      expect(source).not.toContain("clientSecret")
      // With the app's default (secret required), the same program is refused.
      const refused = startSnippet(source, envWithoutSecret())
      try {
        const { cookie, query } = await startAt(refused)
        const run = await runAuthorize(new TestBrowser(s.t), s.t, Object.fromEntries(query))
        const done = await fetch(run.location!, { headers: { cookie } })
        expect(done.status).toBe(502)
        expect(await done.text()).toContain("invalid client credentials")
      } finally {
        await refused.stop()
      }
      saveAppSecretSettings(s.t.org.ctx.db, s.t.org.credentials.clientId, {
        requireSecretForWebServer: false,
      })
      await signIn(source, envWithoutSecret(), { approvedBefore: true })
    }, 40_000)

    it(`private key JWT (${lib}): the program signs a client assertion with the app's key instead of sending a secret`, async () => {
      const source = snippet("private-key-jwt")
      expect(source).not.toContain("client_secret")
      const keyFile = path.join(s.t.dataDir, "snippet-client.key")
      fs.writeFileSync(keyFile, s.t.org.credentials.privateKeyPem, { mode: 0o600 })
      await signIn(source, envWithoutSecret({ SF_KEY_FILE: keyFile }))
    }, 30_000)
  }
})

describe("the User-Agent flow's code to copy", () => {
  /**
   * The browser's part: load the program's callback page (a browser never sends the fragment) and
   * run its script, with the address bar, history, the page's status line and a cookie-carrying
   * fetch standing in for the browser's own.
   */
  async function runCallbackPage(location: string, cookie: string) {
    const url = new URL(location)
    const page = await fetch(`${url.origin}${url.pathname}`, { headers: { cookie } })
    expect(page.headers.get("referrer-policy")).toBe("no-referrer")
    const script = /<script>([\s\S]*)<\/script>/.exec(await page.text())![1]!
    const status = { textContent: "Signing in…" }
    let addressBar = location
    vm.runInNewContext(script, {
      URLSearchParams,
      location: { hash: url.hash, pathname: url.pathname },
      history: { replaceState: (_: unknown, __: string, to: string) => (addressBar = to) },
      document: { getElementById: (id: string) => (id === "status" ? status : null) },
      fetch: (to: string, init: RequestInit) =>
        fetch(new URL(to, url), {
          ...init,
          headers: { ...(init.headers as Record<string, string>), cookie },
        }),
    })
    await vi.waitFor(() => expect(status.textContent).not.toBe("Signing in…"), { timeout: 10_000 })
    return { status: status.textContent, addressBar }
  }

  /** One sign-in up to the callback: the program's cookie and where the org sent the browser. */
  async function authorize(app: ReturnType<typeof startSnippet>, browser: TestBrowser) {
    const { cookie, query } = await startAt(app)
    expect(query.get("response_type")).toBe("token")
    const run = await runAuthorize(browser, s.t, Object.fromEntries(query))
    expect(run.location?.startsWith(`${callback}#access_token=`)).toBe(true)
    return { cookie, location: run.location! }
  }

  async function signIn(source: string, tamper = false) {
    const app = startSnippet(source, appEnv())
    const browser = new TestBrowser(s.t)
    try {
      if (tamper) {
        // A fragment whose issued_at was changed no longer matches its signature: refused.
        const first = await authorize(app, browser)
        const forged = first.location.replace(
          /issued_at=(\d+)/,
          (_, n: string) => `issued_at=${+n + 1}`,
        )
        expect(forged).not.toBe(first.location)
        expect((await runCallbackPage(forged, first.cookie)).status).toBe(
          "The response's signature is wrong",
        )
      }
      const { cookie, location } = await authorize(app, browser)
      const done = await runCallbackPage(location, cookie)
      expect(done.status).toBe("Signed in as demo@example.com")
      expect(done.addressBar).toBe(new URL(callback).pathname)
      await app.waitFor(/Signed in as demo@example\.com/)
      // The fragment can be posted once: the sign-in it belonged to is gone.
      expect((await runCallbackPage(location, cookie)).status).toContain("start again at /login")
    } finally {
      await app.stop()
    }
  }

  it("the fetch program's page posts the fragment; the server checks state and signature, introspects, and says who signed in", async () => {
    await signIn(USER_AGENT_FETCH_SNIPPET, true)
  }, 30_000)

  it("the jsforce program proves the token the same way and reads the identity with jsforce", async () => {
    await signIn(USER_AGENT_JSFORCE_SNIPPET)
  }, 30_000)
})

describe("the JWT Bearer flow's code to copy", () => {
  async function run(source: string, username: string) {
    const keyFile = path.join(s.t.dataDir, "app.key")
    fs.writeFileSync(keyFile, s.t.org.credentials.privateKeyPem)
    const app = startSnippet(source, {
      SF_LOGIN_URL: s.t.base,
      SF_CLIENT_ID: s.t.org.credentials.clientId,
      SF_USERNAME: username,
      SF_KEY_FILE: keyFile,
      // The org's stand-in for login.salesforce.com, as the site's assertion names it.
      SF_AUDIENCE: s.loginHost.origin,
    })
    return { code: await app.exited, out: app.output() }
  }

  const accounts = new Set(ACCOUNTS.map((a) => `${a.Id} ${a.Name}`))

  for (const [name, source] of [
    ["fetch", JWT_BEARER_FETCH_SNIPPET],
    ["jsforce", JWT_BEARER_JSFORCE_SNIPPET],
  ] as const) {
    it(`the ${name} program signs the assertion, gets a token and lists five accounts`, async () => {
      const { code, out } = await run(source, "admin@example.com")
      const lines = out.trim().split("\n")
      expect(lines).toHaveLength(5)
      for (const line of lines) expect(accounts.has(line)).toBe(true)
      expect(code).toBe(0)
    }, 20_000)

    it(`the ${name} program stops with Salesforce's error for a user who has not approved the app`, async () => {
      const { code, out } = await run(source, "demo@example.com")
      expect(out).toContain("user hasn't approved this consumer")
      expect(code).not.toBe(0)
    }, 20_000)
  }
})

describe("the code to copy as shown", () => {
  it("every program is formatted with the repository's Prettier settings", async () => {
    const options = { ...(await prettier.resolveConfig(__filename)), parser: "babel" }
    for (const source of [
      WEB_SERVER_FETCH_SNIPPET,
      WEB_SERVER_JSFORCE_SNIPPET,
      USER_AGENT_FETCH_SNIPPET,
      USER_AGENT_JSFORCE_SNIPPET,
      JWT_BEARER_FETCH_SNIPPET,
      JWT_BEARER_JSFORCE_SNIPPET,
    ])
      expect(await prettier.format(source, options)).toBe(source)
  })
})
