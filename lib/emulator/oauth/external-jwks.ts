import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from "jose"

/** How long a fetched key set is used before it is fetched again (and at most how often a miss refetches). */
const CACHE_MS = 5 * 60_000
const REFETCH_MS = 30_000
const MAX_JWKS_BYTES = 64 * 1024
const TIMEOUT_MS = 5_000

interface Entry {
  keys: JWTVerifyGetKey
  fetchedAt: number
}

/**
 * The external provider's keys, fetched over HTTP from the handler's configured JWKS URL and only
 * from there: never from a URL the token names (`jku`, `x5u`), which jose ignores anyway
 * (docs/security.md, S-280). Cached for five minutes; an unknown `kid` refetches at most every 30 s
 * (a key rotation), so a flood of tokens with made-up `kid`s cannot make the org hammer the provider.
 */
export class ExternalJwks {
  private readonly cache = new Map<string, Entry>()
  constructor(
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number,
  ) {}

  async keysFor(url: string, opts: { refresh?: boolean } = {}): Promise<JWTVerifyGetKey> {
    const hit = this.cache.get(url)
    const age = hit ? this.now() - hit.fetchedAt : Infinity
    if (hit && age < CACHE_MS && !(opts.refresh && age >= REFETCH_MS)) return hit.keys
    const res = await this.fetchFn(url, {
      headers: { accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    const text = await res.text()
    if (!res.ok || text.length > MAX_JWKS_BYTES)
      throw new Error(`JWKS ${url} answered ${res.status}`)
    const set = JSON.parse(text) as JSONWebKeySet
    if (!Array.isArray(set.keys)) throw new Error(`JWKS ${url} has no keys`)
    const keys = createLocalJWKSet(set)
    this.cache.set(url, { keys, fetchedAt: this.now() })
    return keys
  }
}
