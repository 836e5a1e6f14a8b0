import { beforeEach, describe, expect, it, vi } from "vitest"
import { z } from "zod"
import { ConfigError } from "@/lib/config/errors"

/** The configuration the gate sees: valid (the site's origin) or invalid, per test. */
const config = vi.hoisted(() => ({ valid: true }))
vi.mock("@/lib/config/env", () => ({
  getConfig: () => {
    if (!config.valid) throw new ConfigError(["NEXTAUTH_SECRET is too short"])
    return { siteUrl: SITE }
  },
}))

const { postRoute } = await import("@/lib/http/post-route")

const SITE = "http://localhost:3996"
const FORM = { "content-type": "application/x-www-form-urlencoded" }
const post = (headers: Record<string, string>, body?: BodyInit) =>
  new Request(`${SITE}/x`, { method: "POST", headers, body })

/** A route that echoes what it was handed, and counts its calls. */
function echoRoute(extra: Partial<Parameters<typeof postRoute<{ name: string }>>[0]> = {}) {
  const calls: unknown[] = []
  const route = postRoute({
    form: z.object({ name: z.string().min(1) }),
    invalid: () =>
      new Response("explained", { status: 303, headers: { location: "/flows/error" } }),
    handle: (input) => {
      calls.push(input)
      return Response.json(input)
    },
    ...extra,
  })
  return { ...route, calls }
}

beforeEach(() => {
  config.valid = true
})

describe("postRoute: the gate of every state-changing POST", () => {
  it("refuses a foreign Origin with 403, even when Sec-Fetch-Site claims same-origin, without calling the route", async () => {
    const r = echoRoute()
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "https://evil.example", "sec-fetch-site": "same-origin" },
      { "sec-fetch-site": "cross-site" },
      {},
    ]
    for (const headers of foreign) {
      const res = await r.POST(post({ ...FORM, ...headers }, "name=a"))
      expect(res.status).toBe(403)
      expect(await res.text()).toContain("submitted from the site itself")
    }
    expect(r.calls).toEqual([])
  })

  it("accepts the site's own Origin, and no Origin with Sec-Fetch-Site: same-origin", async () => {
    const r = echoRoute()
    const own: Record<string, string>[] = [{ origin: SITE }, { "sec-fetch-site": "same-origin" }]
    for (const headers of own) {
      const res = await r.POST(post({ ...FORM, ...headers }, "name=a"))
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ name: "a" })
    }
    expect(r.calls).toHaveLength(2)
  })

  it("C-53 sends every POST to /setup (303, no cookie) while the configuration is invalid, before the origin check", async () => {
    config.valid = false
    const r = echoRoute()
    for (const headers of [{ origin: SITE }, { origin: "https://evil.example" }]) {
      const res = await r.POST(post({ ...FORM, ...headers }, "name=a"))
      expect(res.status).toBe(303)
      expect(res.headers.get("location")).toBe("/setup")
      expect(res.headers.getSetCookie()).toEqual([])
    }
    expect(r.calls).toEqual([])
  })

  it("answers GET with 405, Allow: POST and a JSON reason", async () => {
    const res = echoRoute().GET(new Request(`${SITE}/x`))
    expect(res.status).toBe(405)
    expect(res.headers.get("allow")).toBe("POST")
    expect(await res.json()).toMatchObject({
      error: "method_not_allowed",
      error_description: expect.stringContaining("GET is not allowed here"),
    })
  })
})

describe("postRoute: the body", () => {
  it("hands the route the first value of each field, validated by its schema", async () => {
    const r = echoRoute()
    await r.POST(post({ ...FORM, origin: SITE }, "name=first&name=second&other=ignored"))
    expect(r.calls).toEqual([{ name: "first" }])
  })

  it("answers a body the schema refuses with the route's explained failure, not the route", async () => {
    const r = echoRoute()
    for (const body of ["", "name=", "other=1", "not a form at all"]) {
      const res = await r.POST(post({ ...FORM, origin: SITE }, body))
      expect(res.status).toBe(303)
      expect(res.headers.get("location")).toBe("/flows/error")
    }
    expect(r.calls).toEqual([])
  })

  it("by default answers a refused body with a 400 JSON error naming the field", async () => {
    const { POST } = postRoute({
      json: z.object({ field: z.string() }),
      handle: () => new Response("ok"),
    })
    const res = await POST(
      post({ "content-type": "application/json", origin: SITE }, JSON.stringify({ field: 1 })),
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: "invalid_request",
      error_description: "the request body is not valid: field",
    })
  })

  it("refuses an oversized body unread: it counts as empty (so the schema refuses it), whatever Content-Length says", async () => {
    const r = echoRoute({ limit: 64 })
    const big = `name=${"a".repeat(100)}`
    expect((await r.POST(post({ ...FORM, origin: SITE }, big))).status).toBe(303)
    // A stream that lies by omission (no Content-Length) is cut off at the limit too.
    const stream = new ReadableStream({
      start: (c) => (c.enqueue(new TextEncoder().encode(big)), c.close()),
    })
    const streamed = new Request(`${SITE}/x`, {
      method: "POST",
      headers: { ...FORM, origin: SITE },
      body: stream,
      duplex: "half",
    } as RequestInit)
    expect((await r.POST(streamed)).status).toBe(303)
    expect(r.calls).toEqual([])
    expect((await r.POST(post({ ...FORM, origin: SITE }, "name=a"))).status).toBe(200)
  })

  it("answers an oversized body with the route's own `tooLarge` when it has one", async () => {
    const r = echoRoute({ limit: 8, tooLarge: () => new Response("too large", { status: 413 }) })
    const res = await r.POST(post({ ...FORM, origin: SITE }, "name=abcdefghij"))
    expect(res.status).toBe(413)
    expect(r.calls).toEqual([])
  })

  it("reads JSON bodies: not JSON reads as undefined for the schema", async () => {
    const seen: unknown[] = []
    const { POST } = postRoute({
      json: z.unknown(),
      handle: (input) => (seen.push(input), new Response("ok")),
    })
    await POST(post({ "content-type": "application/json", origin: SITE }, '{"a":1}'))
    await POST(post({ "content-type": "application/json", origin: SITE }, "{not json"))
    expect(seen).toEqual([{ a: 1 }, undefined])
  })

  it("a route without a schema never reads its body", async () => {
    const { POST } = postRoute({ handle: async (_, req) => new Response(String(req.bodyUsed)) })
    expect(await (await POST(post({ ...FORM, origin: SITE }, "a=1"))).text()).toBe("false")
  })
})
