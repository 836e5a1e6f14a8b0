/**
 * The address a request came from, as the org's login IP ranges see it. The node:http server
 * records the socket's remote address here (server/node-http.ts); a request that never crossed a
 * network (tests and in-process calls) counts as loopback. A WeakMap, not a header: no client can
 * claim an address by sending one.
 */
const addresses = new WeakMap<Request, string>()

export const LOOPBACK = "127.0.0.1"

export function setClientIp(req: Request, ip: string | undefined): void {
  if (ip) addresses.set(req, ip)
}

export function clientIp(req: Request): string {
  return addresses.get(req) ?? LOOPBACK
}
