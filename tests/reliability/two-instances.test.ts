import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CookieJar } from "./_helpers/cookie-jar"
import {
  authorizeAsUser,
  inspectorHtml,
  jwtLogin,
  revealAccessToken,
  sessionUser,
  userAgentFlow,
  webServerFlow,
} from "./_helpers/flows"
import { startProxy, type Proxy } from "./_helpers/proxy"
import { requireBuild, Servers, sharedSecret, type RunningSite } from "./_helpers/servers"

// R-11 (horizontal scaling) and R-06 (site restart): two `next start` instances share
// NEXTAUTH_SECRET, one data folder and one embedded org (a server of its own, as Salesforce is),
// behind a proxy whose URL is the public URL (NEXTAUTH_URL) of both. Every step names the instance
// that serves it.
const servers = new Servers()
let proxy: Proxy
let sites: RunningSite[]
let env: Record<string, string>
let dataDir: string
const demo = { username: "demo@example.com", password: "demo1234" }
const A = 0
const B = 1

beforeAll(async () => {
  requireBuild()
  dataDir = servers.dataDir("two")
  // The proxy comes first: its URL is the public URL both instances are started with.
  proxy = await startProxy(["http://127.0.0.1:1", "http://127.0.0.1:1"])
  const org = await servers.startOrg({ dataDir, publicUrl: proxy.url })
  env = { NEXTAUTH_SECRET: sharedSecret(), SALESFORCE_LAB_ORG_PORT: String(org.port) }
  const a = await servers.start({ dataDir, env, publicUrl: proxy.url, org: false })
  const b = await servers.start({ dataDir, env, publicUrl: proxy.url, org: false })
  sites = [a, b]
  proxy.retarget(A, a.url)
  proxy.retarget(B, b.url)
})

afterAll(async () => {
  await proxy?.close()
  await servers.stopAll()
})

describe("R-11 two instances behind one URL, no sticky sessions", () => {
  it("R-11 a Web Server flow started on A (login and consent at the org) finishes on B, and both instances accept the session", async () => {
    const jar = new CookieJar(proxy.url)
    const before = [...proxy.served]
    const run = await webServerFlow(jar, demo, { start: A, finish: B })
    expect(run.consent).toBe(true)
    // A served the start, B only the callback; the org's pages came from the org itself.
    expect(proxy.served[B]! - before[B]!).toBe(1)
    expect(proxy.served[A]! - before[A]!).toBe(1)
    expect(await sessionUser(jar, A)).toBe(demo.username)
    expect(await sessionUser(jar, B)).toBe(demo.username)
    for (const i of [A, B]) {
      const page = await inspectorHtml(jar, i)
      expect(page.status).toBe(200)
      expect(page.html).toContain(demo.username)
    }
    expect(await revealAccessToken(jar, B)).toBe(await revealAccessToken(jar, A))
  })

  it("R-11 both instances share the one org: a flow started on B finishes on A", async () => {
    const jar = new CookieJar(proxy.url)
    // The org is a server of its own, as Salesforce is: the instance that started the flow and the
    // one that redeems the code talk to the same org, whose pending request and code are its own.
    const run = await webServerFlow(
      jar,
      { username: "admin@example.com", password: "admin1234" },
      { start: B, finish: A },
    )
    expect(run.consent).toBe(false) // admin is pre-authorized
    expect(await sessionUser(jar, A)).toBe("admin@example.com")
  })

  it("R-11 a User-Agent flow started on A is completed on B", async () => {
    const jar = new CookieJar(proxy.url)
    await userAgentFlow(jar, demo, { start: A, finish: B })
    expect(await sessionUser(jar, A)).toBe(demo.username)
    expect(await sessionUser(jar, B)).toBe(demo.username)
  })

  it("R-11 a JWT Bearer login on B gives a session that A serves, and a sign-out on A ends it for B", async () => {
    const jar = new CookieJar(proxy.url)
    await jwtLogin(jar, "admin@example.com", B)
    expect(await sessionUser(jar, A)).toBe("admin@example.com")
    const signOut = await jar.postForm("/flows/sign-out", {}, { "x-lab-instance": String(A) })
    expect(signOut.status).toBe(303)
    expect(await sessionUser(jar, B)).toBeUndefined()
  })

  it("R-11 a session from another secret is refused by both instances", async () => {
    const other = await servers.start({
      dataDir: servers.dataDir("other"),
      env: { NEXTAUTH_SECRET: sharedSecret() },
    })
    const foreign = new CookieJar(other.url)
    await jwtLogin(foreign, "admin@example.com")
    expect(await sessionUser(foreign)).toBe("admin@example.com")
    const cookie = foreign.header("/")
    for (const i of [A, B]) {
      const res = await fetch(`${proxy.url}/api/auth/session`, {
        headers: { cookie, "x-lab-instance": String(i) },
      })
      expect(((await res.json()) as { lab?: unknown }).lab).toBeUndefined()
    }
    await other.stop()
  })

  it("R-06 a session and an in-flight login survive a restart of both instances", async () => {
    const signedIn = new CookieJar(proxy.url)
    await jwtLogin(signedIn, "admin@example.com", A)
    // In flight: started and approved before the restart, the callback arrives after it.
    const inFlight = new CookieJar(proxy.url)
    const start = await inFlight.postForm(
      "/flows/web-server/start",
      {},
      { "x-lab-instance": String(A) },
    )
    const { callback } = await authorizeAsUser(inFlight, start.headers.get("location")!, demo)

    for (const [i, s] of sites.entries()) {
      await s.stop()
      const again = await servers.start({ dataDir, env, publicUrl: proxy.url, org: false })
      sites[i] = again
      proxy.retarget(i, again.url)
    }
    expect(await sessionUser(signedIn, B)).toBe("admin@example.com")
    const finish = await inFlight.fetch(callback.toString(), {
      headers: { "x-lab-instance": String(A) },
    })
    expect(finish.status).toBe(303)
    expect(finish.headers.get("location")).toBe("/inspector")
    expect(await sessionUser(inFlight, B)).toBe(demo.username)
  })
})
