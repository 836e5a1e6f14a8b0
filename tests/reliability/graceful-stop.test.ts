import net from "node:net"
import { afterAll, beforeAll, expect, it } from "vitest"
import { requireBuild, Servers, type RunningSite } from "./_helpers/servers"

// R-06 (restarts): the site's server (scripts/site-server.mjs) stops as `next start` does. On
// SIGTERM it takes no new connection, lets the request in flight finish, then exits: a sign-in
// under way when a container is stopped ends with its answer, not with a reset connection.
const servers = new Servers()
let site: RunningSite

beforeAll(async () => {
  requireBuild()
  site = await servers.start({ dataDir: servers.dataDir("stop") })
})
afterAll(async () => {
  // The site ended itself, so the helper no longer holds it: its embedded org (and identity
  // provider) must be stopped here, through the site's handle.
  await site?.kill()
  await servers.stopAll()
})

/** Resolves once `done()` holds, checking at each chunk the socket receives. */
function waitFor(socket: net.Socket, received: () => string, done: (s: string) => boolean) {
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (done(received())) {
        socket.off("data", check)
        resolve()
      }
    }
    socket.on("data", check)
    socket.once("error", reject)
    check()
  })
}

it("R-06 SIGTERM lets a JWT Bearer sign-in in flight finish with its answer, then the server exits", async () => {
  const socket = net.connect(site.port, "127.0.0.1")
  let received = ""
  socket.on("data", (c: Buffer) => (received += c.toString("latin1")))
  const body = "username=admin%40example.com"
  // Expect: 100-continue makes the server say when it has read the request's head and handed it
  // to the route: the request is then in flight, with no guess about timing.
  socket.write(
    [
      "POST /flows/jwt-bearer/start HTTP/1.1",
      `Host: ${site.publicHost}`,
      `Origin: ${site.url}`,
      "Content-Type: application/x-www-form-urlencoded",
      `Content-Length: ${body.length}`,
      "Expect: 100-continue",
      "Connection: close",
      "",
      "",
    ].join("\r\n"),
  )
  await waitFor(
    socket,
    () => received,
    (s) => s.includes("100 Continue"),
  )
  process.kill(site.pid, "SIGTERM")
  socket.write(body)
  await new Promise((resolve) => socket.once("close", resolve))
  // The sign-in's own answer: a 303 to the inspector with a session, not a reset or a 5xx.
  const final = received.slice(received.indexOf("\r\n\r\n") + 4)
  expect(final).toMatch(/^HTTP\/1\.1 303 /)
  expect(final).toMatch(/\r\nlocation: [^\r]*\/inspector\r\n/i)
  expect(final).toMatch(/\r\nset-cookie: [^\r]*session-token=/i)
  // Then the process ends, with the exit code of a SIGTERM handled.
  expect(await site.exited).toEqual({ code: 143, signal: null })
})
