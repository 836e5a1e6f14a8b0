import { csrfIn, TestBrowser } from "./browser"
import type { TestOrg } from "./org"

/** A browser logged in as the org's administrator, with the settings page's CSRF token. */
export async function adminBrowser(
  t: TestOrg,
): Promise<{ b: TestBrowser; csrf: string; html: string }> {
  const b = new TestBrowser(t)
  const login = await (await b.get("/login")).text()
  await b.post("/login", {
    _csrf: csrfIn(login),
    startURL: `${new URL(t.base).pathname.replace(/\/$/, "")}/settings`,
    username: "admin@example.com",
    password: "admin1234",
  })
  const html = await (await b.get("/settings")).text()
  return { b, csrf: csrfIn(html), html }
}

/** Logs `username` in on the org's login page at `loginUrl` (My Domain by default). */
export async function loginAt(
  t: TestOrg,
  username: string,
  password: string,
  loginUrl = "/login",
): Promise<{ status: number; text: string; browser: TestBrowser }> {
  const browser = new TestBrowser(t)
  const page = await (await browser.get(loginUrl)).text()
  const res = await browser.post(loginUrl, {
    _csrf: csrfIn(page),
    startURL: `${new URL(t.base).pathname.replace(/\/$/, "")}/`,
    username,
    password,
  })
  return { status: res.status, text: res.status === 303 ? "" : await res.text(), browser }
}
