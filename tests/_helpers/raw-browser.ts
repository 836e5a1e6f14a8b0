import { expect } from "vitest"
import { csrfIn } from "./browser"
import type { TestOrg } from "./org"

/**
 * A cookie jar for in-process tests of the org's page forms whose requests carry exactly the headers
 * a test gives (Origin, Sec-Fetch-Site, Host): unlike TestBrowser, it adds no Origin of its own.
 */
export class RawBrowser {
  jar = new Map<string, string>()

  constructor(private readonly t: TestOrg) {}

  cookie = () => [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ")

  async send(
    path: string,
    init: { form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const res = await this.t.call(path, {
      form: init.form,
      headers: { cookie: this.cookie(), ...init.headers },
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";")
      const eq = pair!.indexOf("=")
      this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1))
    }
    return res
  }

  /** Logs in with a same-origin post from the org's login page (a new org session). */
  async logIn(user: { username: string; password: string }): Promise<void> {
    const csrf = csrfIn(await (await this.send("/login")).text())
    const res = await this.send("/login", {
      form: { _csrf: csrf, startURL: "/emulator/", ...user },
      headers: { origin: new URL(this.t.base).origin },
    })
    expect(res.status).toBe(303)
  }
}
