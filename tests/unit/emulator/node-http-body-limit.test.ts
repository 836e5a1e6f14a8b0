import net from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import { listen, MAX_BODY_BYTES, nodeServer, type Listening } from "@/lib/emulator/server/node-http"

let server: Listening | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** How far the client goes before giving up: far past the limit, still quick on loopback. */
const GIVE_UP_AFTER = 32 * MAX_BODY_BYTES

/**
 * Streams a chunked POST that never ends, as fast as the connection takes it, until the server
 * closes the connection or GIVE_UP_AFTER bytes have gone out; resolves with what came back.
 */
function streamForever(port: number) {
  return new Promise<{ response: string; closed: boolean; sent: number }>((resolve) => {
    const socket = net.connect(port, "127.0.0.1")
    const chunk = Buffer.alloc(64 * 1024, "a")
    let response = ""
    let sent = 0
    let closed = false
    const done = () => resolve({ response, closed, sent })
    socket.on("data", (d: Buffer) => (response += d.toString("latin1")))
    socket.on("error", () => undefined)
    socket.on("close", () => {
      closed = true
      done()
    })
    socket.on("connect", () => {
      socket.write("POST /services/oauth2/token HTTP/1.1\r\nHost: org.test\r\n")
      socket.write("Content-Type: application/x-www-form-urlencoded\r\n")
      socket.write("Transfer-Encoding: chunked\r\n\r\n")
      const pump = () => {
        while (!closed && sent < GIVE_UP_AFTER) {
          sent += chunk.length
          const more = socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk)
          socket.write("\r\n")
          if (!more) return void socket.once("drain", pump)
        }
        // The server read everything it was sent and still holds the connection open.
        if (!closed) done()
      }
      pump()
    })
  })
}

describe("the org's HTTP server: a body past the limit", () => {
  it("S-65 answers 413 with Connection: close and closes the connection rather than reading on (RFC 9110 §15.5.14)", async () => {
    let handled = 0
    server = await listen(
      nodeServer(async () => {
        handled++
        return new Response("ok")
      }),
      0,
      "127.0.0.1",
    )
    const { response, closed, sent } = await streamForever(server.port)
    expect(response.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large")
    expect(response.toLowerCase()).toContain("\r\nconnection: close\r\n")
    expect(JSON.parse(response.slice(response.indexOf("\r\n\r\n") + 4))).toEqual({
      error: "invalid_request",
      error_description: `the request body exceeds ${MAX_BODY_BYTES} bytes`,
    })
    expect(closed).toBe(true)
    expect(sent).toBeLessThan(GIVE_UP_AFTER)
    expect(handled).toBe(0)
  })
})
