// Over 200 lines: one suite per flow file (lib/flows/user-agent.ts), its security cases side by side.
import crypto from "node:crypto"
import { SignJWT, decodeJwt, decodeProtectedHeader } from "jose"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { responseSignature } from "@/lib/emulator/oauth/issue-tokens"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { registerOtherApp } from "../../_helpers/org"
import {
  failureOf,
  sessionOf,
  startSiteHarness,
  userAgentFragment,
  webServerCallback,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The User-Agent hand-off (POST /flows/user-agent/complete → lib/flows/user-agent.ts): a fragment
 * is attacker-controlled input until the server has proven it (docs/security.md, C-20–C-34).
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

async function complete(
  fragment: Record<string, string>,
  cookie: string,
  headers: Record<string, string> = { origin: "http://localhost:3999" },
  body?: BodyInit,
) {
  const { POST } = await import("@/app/flows/user-agent/complete/route")
  const res = await POST(
    new Request("http://localhost:3999/flows/user-agent/complete", {
      method: "POST",
      headers: { "content-type": "application/json", cookie, ...headers },
      body: body ?? JSON.stringify(fragment),
    }),
  )
  const cookies = res.headers.getSetCookie()
  return {
    status: res.status,
    location:
      res.status === 200 ? ((await res.json()) as { location: string }).location : undefined,
    cookies,
  }
}

async function expectRefused(
  r: { location?: string; cookies: string[] },
  failure?: Record<string, unknown>,
) {
  expect(r.location ?? "/flows/error").toBe("/flows/error")
  expect(await sessionOf(r.cookies)).toBeUndefined()
  if (failure) expect(await failureOf(r.cookies)).toMatchObject(failure)
}

const resign = (token: string, edit: (c: Record<string, unknown>) => Record<string, unknown>) =>
  new SignJWT(edit({ ...decodeJwt(token) }))
    .setProtectedHeader(decodeProtectedHeader(token) as { alg: string })
    .sign(h.t.org.ctx.signingKey.privateKey)

it("completes when nothing is tampered with (the control case)", async () => {
  const { fragment, cookie } = await userAgentFragment(h)
  const r = await complete(fragment, cookie)
  expect(r.location).toBe("/inspector")
  expect((await sessionOf(r.cookies))?.flow).toBe("user-agent")
})

describe("CSRF and method on the hand-off route", () => {
  it("C-30 a cross-site post (foreign Origin, cross-site fetch metadata, or neither header, any content type) gets 403 and no session; GET gets 405 naming POST", async () => {
    const { fragment, cookie } = await userAgentFragment(h)
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.test" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      {},
      { "content-type": "text/plain" },
      { "content-type": "application/x-www-form-urlencoded" },
    ]
    for (const headers of attempts) {
      const r = await complete(fragment, cookie, headers)
      expect(r.status).toBe(403)
      expect(r.cookies).toEqual([])
    }
    expect(h.log).toHaveLength(0)
    const route = await import("@/app/flows/user-agent/complete/route")
    const get = route.GET(
      new Request(`http://localhost/flows/user-agent/complete?${new URLSearchParams(fragment)}`, {
        headers: { cookie },
      }),
    )
    expect(get.status).toBe(405)
    expect(get.headers.get("allow")).toBe("POST")
    expect(get.headers.getSetCookie()).toEqual([])
    expect(h.log).toHaveLength(0)
    // The same fragment from the site itself still works: the refusals above were about the request.
    expect((await complete(fragment, cookie)).location).toBe("/inspector")
  })

  it("C-30 without the state cookie that /flows/user-agent/start set in this browser, a same-origin post opens no session", async () => {
    const { fragment } = await userAgentFragment(h)
    h.reset()
    await expectRefused(await complete(fragment, ""), { code: "FLOW_EXPIRED" })
    expect(h.log).toHaveLength(0)
  })

  it("C-78 a copied cookie replayed with its fragment after the sign-in completed fails inside its 10 minutes, before the org is asked anything", async () => {
    const { fragment, cookie } = await userAgentFragment(h)
    expect((await complete(fragment, cookie)).location).toBe("/inspector")
    h.reset()
    await expectRefused(await complete(fragment, cookie), { code: "STATE_REUSED" })
    expect(h.log).toHaveLength(0)
  })

  it("C-71 a 10 MB body, deeply nested JSON or a wrong content type is answered with the error page, never a session or a 500", async () => {
    const { cookie } = await userAgentFragment(h)
    const bodies: [string, BodyInit][] = [
      ["application/json", `{"access_token":"${"x".repeat(10 * 1024 * 1024)}"}`],
      ["application/json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
      ["application/x-www-form-urlencoded", "access_token=x&state=y"],
      ["application/json", '{"state":{"$ne":null},"access_token":["a","b"]}'],
    ]
    for (const [type, body] of bodies) {
      const r = await complete(
        {},
        cookie,
        { origin: "http://localhost:3999", "content-type": type },
        body,
      )
      expect(r.status).toBe(200)
      await expectRefused(r)
    }
    expect(h.log).toHaveLength(0)
  })
})

describe("a forged or mixed fragment", () => {
  it("C-23 another app's token for the same user, inside an otherwise valid signed fragment, fails introspection", async () => {
    const b = await registerOtherApp(h.t)
    const run = await runAuthorize(new TestBrowser(h.t), h.t, {
      response_type: "token",
      client_id: b.clientId,
      redirect_uri: "https://site.test/flows/web-server/callback",
      scope: "api",
      state: "b",
    })
    const foreign = callbackParams(run.location!).get("access_token")!
    const { fragment, cookie } = await userAgentFragment(h)
    h.reset()
    await expectRefused(await complete({ ...fragment, access_token: foreign }, cookie), {
      code: "FOREIGN_TOKEN",
    })
    expect(h.paths()).toEqual(["/services/oauth2/introspect"])
  })

  it("C-25 an id swapped to another user fails the signature; with the signature recomputed, introspection refuses it", async () => {
    const { fragment, cookie } = await userAgentFragment(h)
    const id = fragment.id!.replace(/\/005\w+$/, "/0055g00000ADMN1AAA")
    h.reset()
    await expectRefused(await complete({ ...fragment, id }, cookie), { code: "INVALID_SIGNATURE" })
    expect(h.log).toHaveLength(0)
    const again = await userAgentFragment(h)
    const resigned = {
      ...again.fragment,
      id,
      signature: responseSignature(h.clientSecret, id, again.fragment.issued_at!),
    }
    await expectRefused(await complete(resigned, again.cookie), {
      code: "FOREIGN_TOKEN",
      message: expect.stringContaining("another user"),
    })
  })

  it("C-28 C-45 an id_token whose at_hash or nonce does not match, or that has no at_hash, is refused: the token is bound to this login", async () => {
    const forgeries: ((c: Record<string, unknown>) => Record<string, unknown>)[] = [
      (c) => ({
        ...c,
        at_hash: crypto
          .createHash("sha256")
          .update("a stolen token")
          .digest()
          .subarray(0, 16)
          .toString("base64url"),
      }),
      (c) => ({ ...c, nonce: "another-login" }),
      ({ at_hash: _a, ...c }) => c,
    ]
    for (const edit of forgeries) {
      const { fragment, cookie } = await userAgentFragment(h)
      await expectRefused(
        await complete({ ...fragment, id_token: await resign(fragment.id_token!, edit) }, cookie),
        { code: "ID_TOKEN_INVALID" },
      )
    }
  })

  it("C-28 a stolen access token injected with a valid state and its own (other login's) id_token is refused", async () => {
    const victim = await userAgentFragment(h)
    const attacker = await userAgentFragment(h, {
      username: "admin@example.com",
      password: "admin1234",
    })
    // The attacker's own, validly signed fragment, carrying the victim's token.
    await expectRefused(
      await complete(
        { ...attacker.fragment, access_token: victim.fragment.access_token! },
        attacker.cookie,
      ),
    )
  })

  it("C-75 the victim's fragment stripped of its id_token and replayed with the attacker's state and cookie is refused", async () => {
    const victim = await userAgentFragment(h)
    const attacker = await userAgentFragment(h, {
      username: "admin@example.com",
      password: "admin1234",
    })
    expect(victim.authorize.searchParams.get("response_type")).toBe("token id_token")
    const { id_token: stripped, ...withoutIdToken } = victim.fragment
    expect(stripped).toBeTruthy()
    const r = await complete(
      { ...withoutIdToken, state: attacker.fragment.state! },
      attacker.cookie,
    )
    await expectRefused(r, { code: "ID_TOKEN_INVALID" })
  })

  it("C-76 the session's scopes are the ones introspection reports, not the fragment's", async () => {
    const { fragment, cookie } = await userAgentFragment(h)
    const r = await complete({ ...fragment, scope: "api refresh_token openid full web" }, cookie)
    expect(r.location).toBe("/inspector")
    const session = await sessionOf(r.cookies)
    expect(session?.tokens.scopes.sort()).toEqual(fragment.scope!.split(" ").sort())
    expect(session?.tokens.scopes).not.toContain("full")
  })

  it("C-31 a Web Server flow's sealed cookie does not open as the User-Agent flow's (cookies are bound to their flow)", async () => {
    const ws = await webServerCallback(h)
    const { fragment } = await userAgentFragment(h)
    const planted = ws.cookie.replace(/^sfl_web_server=/, "sfl_user_agent=")
    await expectRefused(
      await complete({ ...fragment, state: ws.callback.searchParams.get("state")! }, planted),
      { code: "FLOW_EXPIRED" },
    )
  })
})
