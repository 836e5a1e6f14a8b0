// How a browser starts the JWT Bearer flow on the site: a same-origin form POST to
// /flows/jwt-bearer/start. A login is complete only when the site answers 303 to the inspector and
// sets the session cookie; anything else is a failed login.

export const START_PATH = "/flows/jwt-bearer/start"
/** The embedded org's pre-authorized user: JWT Bearer works for it on a fresh org. */
export const USERNAME = "admin@example.com"

export const startRequest = (siteUrl) => ({
  method: "POST",
  path: START_PATH,
  // The site refuses state-changing POSTs from other origins (lib/http/respond.ts fromSameOrigin).
  headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(siteUrl).origin },
  body: new URLSearchParams({ username: USERNAME }).toString(),
})

const SESSION_COOKIE = /^(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=[^;]+/

/** True when a response to the start POST is a completed login. */
export function isCompleteLogin(status, headers) {
  const get = (name) =>
    headers[name] ??
    headers[name.toLowerCase()] ??
    Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1]
  const cookies = [get("set-cookie") ?? []].flat()
  return (
    status === 303 &&
    get("location") === "/inspector" &&
    cookies.some((c) => SESSION_COOKIE.test(c))
  )
}

/** Logs in once; returns the Cookie header value that carries the session. */
export async function loginCookie(siteUrl) {
  const r = startRequest(siteUrl)
  const res = await fetch(new URL(r.path, siteUrl), {
    method: r.method,
    headers: r.headers,
    body: r.body,
    redirect: "manual",
  })
  const headers = {
    location: res.headers.get("location"),
    "set-cookie": res.headers.getSetCookie(),
  }
  if (!isCompleteLogin(res.status, headers))
    throw new Error(`JWT Bearer login failed: ${res.status} → ${headers.location}`)
  return headers["set-cookie"]
    .filter((c) => SESSION_COOKIE.test(c))
    .map((c) => c.split(";")[0])
    .join("; ")
}
