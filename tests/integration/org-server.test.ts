import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startOrg, type RunningOrg } from "../../scripts/next-server.mjs"
import { JWT_GRANT, signAssertion, standardClaims } from "../_helpers/assertions"

/**
 * `npm run org`'s entry point (lib/emulator/server/main.ts) as its own process, over real sockets:
 * the org at the root of two loopback origins, My Domain and the generic login host, as a
 * Salesforce org answers at MyDomain.my.salesforce.com and login.salesforce.com.
 */

let org: RunningOrg
let dataDir: string
let myDomain: string
let loginHost: string
let app: { clientId: string; clientSecret: string; privateKeyPem: string }

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-org-server-"))
  org = await startOrg({ dataDir, publicUrl: "http://localhost:3999" })
  myDomain = org.url
  loginHost = `http://127.0.0.1:${org.port + 1}`
  const dir = path.join(dataDir, "connected-app")
  app = {
    ...(JSON.parse(fs.readFileSync(path.join(dir, "credentials.json"), "utf8")) as {
      clientId: string
      clientSecret: string
    }),
    privateKeyPem: fs.readFileSync(path.join(dir, "server.key"), "utf8"),
  }
})

afterAll(async () => {
  await org?.stop()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

async function jwtLogin(at: string, aud: string) {
  const assertion = await signAssertion(
    app.privateKeyPem,
    standardClaims(app.clientId, aud, "admin@example.com", Date.now()),
  )
  return fetch(`${at}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: JWT_GRANT, assertion }),
  })
}

describe("the embedded org as its own server (npm run org)", () => {
  it("F-68 answers at the root of its My Domain: discovery, JWKS, REST root; instance_url and the identity URL are bare-origin URLs", async () => {
    const doc = (await (await fetch(`${myDomain}/.well-known/openid-configuration`)).json()) as {
      issuer: string
      token_endpoint: string
      jwks_uri: string
    }
    expect(doc.issuer).toBe(myDomain)
    expect(doc.token_endpoint).toBe(`${myDomain}/services/oauth2/token`)
    expect((await fetch(doc.jwks_uri)).status).toBe(200)
    expect((await fetch(`${myDomain}/services/data`)).status).toBe(200)

    const res = await jwtLogin(myDomain, loginHost)
    expect(res.status).toBe(200)
    const token = (await res.json()) as { instance_url: string; id: string; access_token: string }
    expect(token.instance_url).toBe(myDomain)
    expect(token.id).toMatch(new RegExp(`^${myDomain}/id/00D\\w{15}/005\\w{15}$`))
    // What sf core and jsforce build from instance_url: the path resolves at the origin's root.
    const userinfo = await fetch(new URL("/services/oauth2/userinfo", token.instance_url), {
      headers: { authorization: `Bearer ${token.access_token}` },
    })
    expect(userinfo.status).toBe(200)
    expect(((await userinfo.json()) as { preferred_username: string }).preferred_username).toBe(
      "admin@example.com",
    )
    // Nothing answers under the old base path.
    expect((await fetch(`${myDomain}/emulator/.well-known/openid-configuration`)).status).toBe(404)
  })

  it("F-69 the generic login host serves the same org; the JWT audience may name it (as login.salesforce.com) or My Domain, nothing else", async () => {
    expect((await fetch(`${loginHost}/services/data`)).status).toBe(200)
    const atLoginHost = await jwtLogin(loginHost, loginHost)
    expect(atLoginHost.status).toBe(200)
    expect(((await atLoginHost.json()) as { instance_url: string }).instance_url).toBe(myDomain)
    expect((await jwtLogin(loginHost, myDomain)).status).toBe(200)
    const wrong = await jwtLogin(myDomain, "https://login.salesforce.com")
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toEqual({
      error: "invalid_grant",
      error_description: "audience is invalid",
    })
  })

  it("S-94 refuses a request naming any other host, on both ports", async () => {
    const { getAs } = await import("../../scripts/next-server.mjs")
    for (const port of [org.port, org.port + 1]) {
      const res = await getAs(`http://127.0.0.1:${port}/services/data`, `localhost:${port}`)
      expect(res.status).toBe(421)
    }
  })
})
