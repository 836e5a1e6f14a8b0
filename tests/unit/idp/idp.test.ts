import crypto from "node:crypto"
import { createLocalJWKSet, jwtVerify } from "jose"
import { beforeAll, describe, expect, it } from "vitest"
import type { Idp } from "@/lib/idp/idp"
import { createTestIdp, IDP, IDP_CALLBACK } from "../../_helpers/idp"

let idp: Idp
beforeAll(async () => {
  idp = (await createTestIdp()).idp
})

const get = (path: string, headers: Record<string, string> = {}) =>
  idp.handle(new Request(`${IDP}${path}`, { headers }))
const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  idp.handle(
    new Request(`${IDP}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    }),
  )

const verifier = crypto.randomBytes(32).toString("base64url")
const challenge = crypto.createHash("sha256").update(verifier).digest("base64url")
const authorizeQuery = (over: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: "code",
    client_id: "salesforce-oauth-lab",
    redirect_uri: IDP_CALLBACK,
    scope: "openid email profile",
    state: "st-1",
    nonce: "n-1",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...over,
  }).toString()

/** Opens the login page and returns the browser cookie and the form's hidden fields. */
async function openLogin() {
  const res = await get(`/authorize?${authorizeQuery()}`)
  expect(res.status).toBe(200)
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!
  const page = await res.text()
  const fields = Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  )
  return { cookie, fields, res, page }
}
async function signIn(username = "ext-demo@idp.example", password = "ext1234") {
  const { cookie, fields } = await openLogin()
  return post("/login", { ...fields, username, password }, { cookie, origin: IDP })
}

describe("Lab identity provider", () => {
  it("serves discovery and a JWKS with the public key only", async () => {
    const d = (await (await get("/.well-known/openid-configuration")).json()) as Record<
      string,
      unknown
    >
    expect(d.issuer).toBe(IDP)
    expect(d.jwks_uri).toBe(`${IDP}/jwks`)
    expect(d.code_challenge_methods_supported).toEqual(["S256"])
    const jwks = (await (await get("/jwks")).json()) as { keys: Record<string, unknown>[] }
    expect(jwks.keys).toHaveLength(1)
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: idp.keys.kid })
    expect(jwks.keys[0]).not.toHaveProperty("d")
  })

  it("S-283 shows a login page with no script, a CSRF token and the org pages' security headers", async () => {
    const { res, page, fields } = await openLogin()
    expect(page).not.toMatch(/<script/i)
    expect(fields._csrf).toMatch(/^[\w-]{43}$/)
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'")
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'")
    expect(res.headers.get("x-frame-options")).toBe("DENY")
    expect(res.headers.get("referrer-policy")).toBe("no-referrer")
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax/)
  })

  it("S-283 refuses a login post without this browser's CSRF token, or from another origin", async () => {
    const { cookie, fields } = await openLogin()
    const creds = { username: "ext-demo@idp.example", password: "ext1234" }
    expect((await post("/login", { ...fields, ...creds, _csrf: "x" }, { cookie })).status).toBe(403)
    expect(
      (await post("/login", { ...fields, ...creds }, { cookie: "idp_browser=other" })).status,
    ).toBe(403)
    expect(
      (await post("/login", { ...fields, ...creds }, { cookie, origin: "http://evil.test" }))
        .status,
    ).toBe(403)
  })

  it("refuses an unregistered redirect_uri on a page (no redirect) and requires PKCE S256", async () => {
    const bad = await get(`/authorize?${authorizeQuery({ redirect_uri: "http://evil.test/cb" })}`)
    expect(bad.status).toBe(400)
    expect(bad.headers.get("location")).toBeNull()
    const plain = await get(`/authorize?${authorizeQuery({ code_challenge_method: "plain" })}`)
    expect(plain.status).toBe(303)
    expect(plain.headers.get("location")).toContain("error=invalid_request")
  })

  it("a wrong password shows the page again with an alert", async () => {
    const res = await signIn("ext-demo@idp.example", "nope")
    expect(res.status).toBe(401)
    expect(await res.text()).toContain('role="alert"')
  })

  it("exchanges a code once, with the PKCE verifier, for an id_token and an RS256 JWT access token", async () => {
    const back = new URL((await signIn()).headers.get("location")!)
    expect(back.origin + back.pathname).toBe(IDP_CALLBACK)
    expect(back.searchParams.get("state")).toBe("st-1")
    const code = back.searchParams.get("code")!
    const form = {
      grant_type: "authorization_code",
      client_id: "salesforce-oauth-lab",
      code,
      redirect_uri: IDP_CALLBACK,
      code_verifier: verifier,
    }
    const res = await post("/token", form)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, string>
    const keys = createLocalJWKSet((await (await get("/jwks")).json()) as never)
    const id = await jwtVerify(body.id_token!, keys, {
      algorithms: ["RS256"],
      issuer: IDP,
      audience: "salesforce-oauth-lab",
    })
    expect(id.payload).toMatchObject({
      sub: "idp-user-1001",
      email: "demo@example.com",
      nonce: "n-1",
    })
    const at = await jwtVerify(body.access_token!, keys, { algorithms: ["RS256"], issuer: IDP })
    expect(at.protectedHeader.typ).toBe("at+jwt")
    expect(at.payload.client_id).toBe("salesforce-oauth-lab")
    // Single use.
    expect(((await (await post("/token", form)).json()) as Record<string, string>).error).toBe(
      "invalid_grant",
    )
  })

  it("refuses a wrong code_verifier", async () => {
    const code = new URL((await signIn()).headers.get("location")!).searchParams.get("code")!
    const res = await post("/token", {
      grant_type: "authorization_code",
      client_id: "salesforce-oauth-lab",
      code,
      redirect_uri: IDP_CALLBACK,
      code_verifier: crypto.randomBytes(32).toString("base64url"),
    })
    expect(await res.json()).toEqual({
      error: "invalid_grant",
      error_description: "code_verifier does not match the code_challenge",
    })
  })

  it("answers only at its own host, and 405 with Allow for another method", async () => {
    expect((await idp.handle(new Request("http://rebound.test/jwks"))).status).toBe(421)
    const res = await post("/jwks", {})
    expect(res.status).toBe(405)
    expect(res.headers.get("allow")).toBe("GET")
  })
})
