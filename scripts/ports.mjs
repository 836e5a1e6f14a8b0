// Loopback ports and plain-HTTP probes for the scripts that start servers.
import http from "node:http"
import net from "node:net"

/** A TCP port the kernel says is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Two consecutive free ports (the embedded org's My Domain and login host). */
export async function freePortPair() {
  for (let i = 0; i < 50; i++) {
    const port = await freePort()
    if (port < 65535 && (await isFree(port + 1))) return port
  }
  throw new Error("no two consecutive free ports on 127.0.0.1")
}

function isFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.unref()
    server.once("error", () => resolve(false))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)))
  })
}

/**
 * A GET over plain HTTP to `url` that names `host` in its Host header, as a browser at the site's
 * public URL does: the embedded org answers only its own host (docs/security.md, S-94), and fetch
 * cannot set Host. Resolves with the status and headers (Set-Cookie as an array) and the body text.
 */
export function getAs(url, host) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host } }, (res) => {
      const chunks = []
      res.on("data", (c) => chunks.push(c))
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      )
      res.on("error", reject)
    })
    req.on("error", reject)
  })
}
