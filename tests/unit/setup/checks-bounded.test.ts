import { describe, expect, it } from "vitest"
import type { OrgConnection } from "@/lib/org/connection"
import { runSetupChecks } from "@/lib/setup/checks"

const MB = 1024 * 1024

/**
 * A body of `total` bytes made on demand, 64 KB per pull, counting what the reader pulled: a login
 * URL that streams a huge answer, as a hostile or broken server can (docs/security.md: every answer
 * from the authorization server is bounded to 256 KB).
 */
function hugeBody(total: number) {
  const pulled = { bytes: 0 }
  const chunk = new Uint8Array(64 * 1024).fill(0x20)
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close()
      pulled.bytes += chunk.byteLength
      controller.enqueue(chunk)
    },
  })
  return { stream, pulled }
}

/** An org whose login URL answers every request with `answer()`; only the fields the checks read. */
function orgAnswering(answer: () => Response): OrgConnection {
  return {
    loginUrl: "https://hostile.example",
    clientId: "3MVG9Checks",
    callbacks: {
      webServer: "http://localhost:3000/flows/web-server/callback",
      userAgent: "http://localhost:3000/flows/user-agent/callback",
    },
    jwtUsernames: [],
    fetch: async () => answer(),
  } as unknown as OrgConnection
}

describe("the setup checks' reading of the org's answers", () => {
  it("C-48 a 10 MB discovery document or authorize page fails its check naming the 256 KB limit, and is not read in full", async () => {
    const bodies: ReturnType<typeof hugeBody>[] = []
    const org = orgAnswering(() => {
      const b = hugeBody(10 * MB)
      bodies.push(b)
      return new Response(b.stream, { status: 200, headers: { "content-type": "text/html" } })
    })
    const [discovery, key, jwt] = await runSetupChecks(org)
    expect(bodies).toHaveLength(2)
    for (const b of bodies) expect(b.pulled.bytes).toBeLessThan(1 * MB)
    for (const check of [discovery, key]) {
      expect(check?.status).toBe("fail")
      expect(check?.detail).toMatch(/longer than 256 KB/)
    }
    expect(jwt?.status).toBe("skip")
  })

  it("an answer within the limit is still read: a discovery document with an issuer passes", async () => {
    const org = orgAnswering(() =>
      Response.json({ issuer: "https://hostile.example", padding: " ".repeat(200 * 1024) }),
    )
    const [discovery] = await runSetupChecks(org)
    expect(discovery).toMatchObject({ status: "pass" })
  })
})
