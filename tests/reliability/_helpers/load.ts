import { CookieJar } from "./cookie-jar"
import { jwtLogin, webServerFlow } from "./flows"
import { percentile } from "./volume"

export interface LoginOutcome {
  kind: "jwt" | "web-server"
  username: string
  jar: CookieJar
  ok: boolean
  error?: string
  ms: number
  /** Web Server flow: the callback it finished with (its code is now used). */
  callback?: URL
  consent?: boolean
}

/** One login per user, all started at once (one cookie jar each); every outcome is kept, failures too. */
export function concurrentLogins(
  origin: string,
  jwtUsers: string[],
  webUsers: { username: string; password: string }[],
  onDone?: () => void,
): Promise<LoginOutcome[]> {
  const timed = async (
    kind: LoginOutcome["kind"],
    username: string,
    run: (jar: CookieJar) => Promise<Partial<LoginOutcome> | void>,
  ): Promise<LoginOutcome> => {
    const jar = new CookieJar(origin)
    const t0 = performance.now()
    try {
      const extra = (await run(jar)) ?? {}
      return { kind, username, jar, ok: true, ms: performance.now() - t0, ...extra }
    } catch (e) {
      return {
        kind,
        username,
        jar,
        ok: false,
        error: (e as Error).message,
        ms: performance.now() - t0,
      }
    } finally {
      onDone?.()
    }
  }
  return Promise.all([
    ...jwtUsers.map((u) => timed("jwt", u, (jar) => jwtLogin(jar, u))),
    ...webUsers.map((u) => timed("web-server", u.username, (jar) => webServerFlow(jar, u))),
  ])
}

/** "200 JWT Bearer logins: 200 ok in 9.1 s, p50 4.2 s, p95 8.0 s" */
export function loginFigures(label: string, outcomes: LoginOutcome[], wallMs: number): string {
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b)
  const ok = outcomes.filter((o) => o.ok).length
  return `${label}: ${outcomes.length} started, ${ok} ok, ${outcomes.length - ok} failed, all done in ${(wallMs / 1000).toFixed(1)} s; per login p50 ${(percentile(ms, 50) / 1000).toFixed(2)} s, p95 ${(percentile(ms, 95) / 1000).toFixed(2)} s, max ${((ms.at(-1) ?? 0) / 1000).toFixed(2)} s`
}

/** `fn` over `items` with at most `limit` in flight (checks after a load must not be a second load). */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 10))
  }
  return true
}
