// Over 200 lines: one suite, jsforce against a running org, sharing its server.
import fs from "node:fs"
import jsforce, { type Connection } from "jsforce"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { ACCOUNTS, ORG, USERS } from "@/lib/emulator/seed/records"
import { JWT_GRANT, signAssertion, standardClaims } from "../_helpers/assertions"
import { callbackParams, runAuthorize, TestBrowser } from "../_helpers/browser"
import { createTestOrg, WEB_CALLBACK, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/**
 * jsforce 3.10.16, used exactly as its documentation shows, against the embedded org on a real
 * loopback socket. Nothing here talks to the org in-process except the "person" in the browser.
 */

const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
const DEMO = USERS.find((u) => u.Username === "demo@example.com")!
const ACCOUNT_IDS = new Set<string>(ACCOUNTS.map((a) => a.Id))
const ACCOUNT_NAMES = new Set<string>(ACCOUNTS.map((a) => a.Name))
const SOQL = "SELECT Id, Name FROM Account LIMIT 5"

type AccountRow = { Id: string; Name: string; attributes?: { type: string; url: string } }

let server: { origin: string; close: () => Promise<void> }
let t: TestOrg

beforeAll(async () => {
  // Late-bound: each test gets a fresh org behind the same socket.
  server = await serve((req) => t.org.handle(req))
})
afterAll(async () => {
  await server.close()
})

beforeEach(async () => {
  t = await createTestOrg({ baseUrl: server.origin, now: Date.now })
})
afterEach(() => {
  t.close()
  fs.rmSync(t.dataDir, { recursive: true, force: true })
})

function connection(): Connection {
  const { clientId, clientSecret } = t.org.credentials
  return new jsforce.Connection({
    oauth2: { loginUrl: t.base, clientId, clientSecret, redirectUri: WEB_CALLBACK },
  })
}

async function jwtAssertion(username: string): Promise<string> {
  const { clientId, privateKeyPem } = t.org.credentials
  return signAssertion(privateKeyPem, standardClaims(clientId, t.base, username, Date.now()))
}

/** The error a client call rejects with (fails the test if it resolves). */
async function errorOf(call: PromiseLike<unknown>): Promise<Error> {
  try {
    await call
  } catch (e) {
    expect(e).toBeInstanceOf(Error)
    return e as Error
  }
  throw new Error("expected the call to reject")
}

/** A bare session: no OAuth client, so jsforce cannot refresh and reports the API error as is. */
const bareSession = (accessToken: string) =>
  new jsforce.Connection({ instanceUrl: t.base, accessToken })

async function expectAccounts(conn: Connection) {
  const res = await conn.query<AccountRow>(SOQL)
  expect(res.done).toBe(true)
  expect(res.totalSize).toBe(5)
  expect(res.records).toHaveLength(5)
  for (const r of res.records) {
    expect(ACCOUNT_IDS.has(r.Id)).toBe(true)
    expect(ACCOUNT_NAMES.has(r.Name)).toBe(true)
    expect(r.attributes?.type).toBe("Account")
    expect(r.attributes?.url).toMatch(
      new RegExp(`^/services/data/v\\d+\\.0/sobjects/Account/${r.Id}$`),
    )
  }
}

/** Drives the org's login and consent pages for demo@example.com from jsforce's authorize URL. */
async function webServerCode(conn: Connection): Promise<string> {
  const authzUrl = conn.oauth2.getAuthorizationUrl({ scope: "api refresh_token", state: "jsf-1" })
  expect(authzUrl.startsWith(`${t.base}/services/oauth2/authorize?`)).toBe(true)
  const run = await runAuthorize(
    new TestBrowser(t),
    t,
    Object.fromEntries(new URL(authzUrl).searchParams),
  )
  expect(run.sawLogin).toBe(true)
  expect(run.sawConsent).toBe(true)
  expect(run.location?.startsWith(`${WEB_CALLBACK}?`)).toBe(true)
  const cb = callbackParams(run.location!)
  expect(cb.get("state")).toBe("jsf-1")
  return cb.get("code")!
}

describe("jsforce JWT bearer flow", () => {
  it("logs the preauthorized admin in and reads identity, records and userInfo", async () => {
    const conn = connection()
    const userInfo = await conn.authorize({
      grant_type: JWT_GRANT,
      assertion: await jwtAssertion("admin@example.com"),
    })

    // jsforce derives the user and org from the last two segments of the `id` URL.
    expect(userInfo).toEqual({
      id: ADMIN.Id,
      organizationId: ORG.Id,
      url: `${t.base}/id/${ORG.Id}/${ADMIN.Id}`,
    })
    expect(conn.instanceUrl).toBe(t.base)
    expect(conn.accessToken).toMatch(new RegExp(`^${ORG.Id.slice(0, 15)}!`))
    // JWT bearer never issues a refresh token.
    expect(conn.refreshToken).toBeFalsy()

    const identity = await conn.identity()
    expect(identity.username).toBe("admin@example.com")
    expect(identity.user_id).toBe(ADMIN.Id)
    expect(identity.organization_id).toBe(ORG.Id)
    expect(identity.id).toBe(userInfo.url)
    expect(identity.display_name).toBe(ADMIN.Name)
    expect(conn.userInfo).toEqual({ id: ADMIN.Id, organizationId: ORG.Id, url: userInfo.url })

    await expectAccounts(conn)
  })

  // A connection built from a bare token finds its identity URL as `identity` in
  // GET /services/data/vXX.X/, as against Salesforce.
  it("finds the identity of a bare access token through the resources by version", async () => {
    const conn = connection()
    await conn.authorize({
      grant_type: JWT_GRANT,
      assertion: await jwtAssertion("admin@example.com"),
    })
    const identity = await bareSession(conn.accessToken!).identity()
    expect(identity.username).toBe("admin@example.com")
    expect(identity.user_id).toBe(ADMIN.Id)
  })

  it("rejects a user who has not approved the app with invalid_grant", async () => {
    const conn = connection()
    const err = await errorOf(
      conn.authorize({ grant_type: JWT_GRANT, assertion: await jwtAssertion("demo@example.com") }),
    )
    expect(err).toMatchObject({
      name: "invalid_grant",
      message: "user hasn't approved this consumer",
    })
    expect(conn.accessToken).toBeFalsy()
  })

  it("accepts the same user once they approved refresh_token in the web server flow", async () => {
    await webServerCode(connection())
    const conn = connection()
    const userInfo = await conn.authorize({
      grant_type: JWT_GRANT,
      assertion: await jwtAssertion("demo@example.com"),
    })
    expect(userInfo.id).toBe(DEMO.Id)
    await expectAccounts(conn)
  })
})

describe("jsforce web server flow", () => {
  it("exchanges a code, refreshes, and revoking the refresh token kills its access tokens", async () => {
    const conn = connection()
    const userInfo = await conn.authorize(await webServerCode(conn))
    expect(userInfo).toEqual({
      id: DEMO.Id,
      organizationId: ORG.Id,
      url: `${t.base}/id/${ORG.Id}/${DEMO.Id}`,
    })
    expect(conn.instanceUrl).toBe(t.base)
    const firstAccess = conn.accessToken!
    const refreshToken = conn.refreshToken!
    expect(firstAccess).toMatch(new RegExp(`^${ORG.Id.slice(0, 15)}!`))
    expect(refreshToken).toBeTruthy()
    expect((await conn.identity()).username).toBe("demo@example.com")
    await expectAccounts(conn)

    const refreshed = await conn.oauth2.refreshToken(refreshToken)
    expect(refreshed.access_token).toBeTruthy()
    expect(refreshed.access_token).not.toBe(firstAccess)
    expect(refreshed.instance_url).toBe(t.base)
    expect(refreshed.id).toBe(userInfo.url)
    await expectAccounts(bareSession(refreshed.access_token))

    await conn.oauth2.revokeToken(refreshToken)

    for (const token of [firstAccess, refreshed.access_token]) {
      const err = await errorOf(bareSession(token).query(SOQL))
      expect(err).toMatchObject({
        name: "INVALID_SESSION_ID",
        errorCode: "INVALID_SESSION_ID",
        message: "Session expired or invalid",
      })
    }
    await expect(conn.oauth2.refreshToken(refreshToken)).rejects.toMatchObject({
      name: "invalid_grant",
      message: "expired access/refresh token",
    })
    // With a client and a refresh token, jsforce answers the 401 by refreshing, which now fails too.
    await expect(conn.query(SOQL)).rejects.toThrow(
      "Unable to refresh session due to: expired access/refresh token",
    )
    // Revoking it again is Salesforce's 400 invalid_token, form-encoded as jsforce parses it (F-110).
    const again = await errorOf(conn.oauth2.revokeToken(refreshToken))
    expect(again).toMatchObject({ name: "invalid_token", message: "Token was invalid" })
  })

  it("logout revokes the access token and jsforce refreshes a dead session by itself", async () => {
    const conn = connection()
    await conn.authorize(await webServerCode(conn))
    const deadAccess = conn.accessToken!
    const refreshToken = conn.refreshToken!

    await conn.logout()
    expect(conn.accessToken).toBeFalsy()
    const err = await errorOf(bareSession(deadAccess).query(SOQL))
    expect(err).toMatchObject({ errorCode: "INVALID_SESSION_ID" })

    const { clientId, clientSecret } = t.org.credentials
    const revived = new jsforce.Connection({
      oauth2: { loginUrl: t.base, clientId, clientSecret, redirectUri: WEB_CALLBACK },
      instanceUrl: t.base,
      accessToken: deadAccess,
      refreshToken,
    })
    const refreshedTo: string[] = []
    revived.on("refresh", (token: string) => refreshedTo.push(token))
    await expectAccounts(revived)
    expect(refreshedTo).toHaveLength(1)
    expect(refreshedTo[0]).not.toBe(deadAccess)
    expect(revived.accessToken).toBe(refreshedTo[0])
  })
})
