// lib/http/node-fetch.ts: the fetch the site's calls to Salesforce go through, against a real
// node:http server on loopback. What the SalesforceClient relies on: the request as given, the
// answer as sent (a 3xx included), a bounded body, aborts and network errors as fetch reports them.
import http from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import { nodeFetch } from "@/lib/http/node-fetch"
import { exchange } from "@/lib/salesforce/http-exchange"

let server: http.Server | undefined
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
)

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler)
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const LIMIT = 1024

describe("nodeFetch", () => {
  it("sends the method, headers and body as given, and returns status, every header and the body", async () => {
    let seen: { method?: string; headers?: http.IncomingHttpHeaders; body?: string } = {}
    const url = await serve((req, res) => {
      let body = ""
      req.on("data", (c: Buffer) => (body += c.toString("utf8")))
      req.on("end", () => {
        seen = { method: req.method, headers: req.headers, body }
        res.writeHead(400, "Bad Request", [
          "content-type",
          "application/json",
          "set-cookie",
          "a=1",
          "set-cookie",
          "b=2",
        ])
        res.end('{"error":"invalid_grant","error_description":"authentication failure"}')
      })
    })
    const res = await nodeFetch(LIMIT)(`${url}/services/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=password&username=é",
    })
    expect(seen.method).toBe("POST")
    expect(seen.body).toBe("grant_type=password&username=é")
    expect(seen.headers?.["content-length"]).toBe(
      String(Buffer.byteLength("grant_type=password&username=é")),
    )
    expect(seen.headers?.["content-type"]).toBe("application/x-www-form-urlencoded")
    expect(seen.headers?.["accept-encoding"]).toBeUndefined()
    expect(res.status).toBe(400)
    expect(res.statusText).toBe("Bad Request")
    expect(res.headers.get("set-cookie")).toBe("a=1, b=2")
    expect(await res.json()).toEqual({
      error: "invalid_grant",
      error_description: "authentication failure",
    })
  })

  it("answers a redirect with the redirect: it follows none", async () => {
    let hits = 0
    const url = await serve((req, res) => {
      hits++
      res.writeHead(302, { location: "/elsewhere?code=x" })
      res.end()
    })
    const res = await nodeFetch(LIMIT)(`${url}/services/oauth2/authorize`, { redirect: "manual" })
    expect(res.status).toBe(302)
    expect(res.headers.get("location")).toBe("/elsewhere?code=x")
    expect(hits).toBe(1)
  })

  it("C-48 reads no more than its limit of a huge answer, and hangs up", async () => {
    let closed = false
    const url = await serve((_req, res) => {
      res.on("close", () => (closed = true))
      res.writeHead(200, { "content-type": "application/json" })
      const chunk = "x".repeat(4096)
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump)
      }
      pump()
    })
    const res = await nodeFetch(LIMIT)(`${url}/huge`)
    expect((await res.text()).length).toBe(LIMIT)
    await expect.poll(() => closed).toBe(true)
  })

  it("an abort rejects with the signal's reason and drops the request; a refused connection is a TypeError", async () => {
    let aborted = false
    const url = await serve((req) => req.on("close", () => (aborted = true)))
    const controller = new AbortController()
    const reason = new DOMException("no answer within 50 ms", "TimeoutError")
    setTimeout(() => controller.abort(reason), 50)
    await expect(nodeFetch(LIMIT)(`${url}/slow`, { signal: controller.signal })).rejects.toBe(
      reason,
    )
    await expect.poll(() => aborted).toBe(true)
    await expect(nodeFetch(LIMIT)(`${url}/x`, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    )
    const port = (server!.address() as AddressInfo).port
    await new Promise<void>((resolve) => server!.close(() => resolve()))
    server = undefined
    await expect(nodeFetch(LIMIT)(`http://127.0.0.1:${port}/gone`)).rejects.toThrow(TypeError)
    await expect(nodeFetch(LIMIT)("file:///etc/passwd")).rejects.toThrow(TypeError)
  })

  it("C-48 an answer cut off by the server is a network error, not a short body", async () => {
    const url = await serve((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" })
      res.write('{"access_token":"')
      setTimeout(() => req.socket.destroy(), 20)
    })
    await expect(nodeFetch(LIMIT)(`${url}/cut`)).rejects.toThrow(TypeError)
  })

  it("serves the client's exchange: timeout, network error and a 204 read as fetch's would be", async () => {
    const url = await serve((req, res) => {
      if (req.url === "/empty") {
        res.writeHead(204)
        res.end()
      }
      // Anything else never answers.
    })
    const f = nodeFetch(LIMIT)
    const empty = await exchange(
      "s",
      `${url}/empty`,
      { method: "GET" },
      { fetch: f, timeoutMs: 1000 },
    )
    expect(empty).toMatchObject({ status: 204, text: "" })
    await expect(
      exchange("s", `${url}/never`, { method: "GET" }, { fetch: f, timeoutMs: 50 }),
    ).rejects.toMatchObject({ timedOut: true, message: "no answer within 0.05 s" })
  })
})
