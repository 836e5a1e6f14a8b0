/**
 * Bad input for the volume run, after docs/security.md C-71 (oversized and garbage parameters),
 * S-95 (garbage on any endpoint), C-15/C-17 (callbackUrl payloads) and C-65 (malformed
 * Authorization). Everything is generated from a seeded PRNG, so a failure can be replayed.
 */

/** mulberry32: small, seedable, good enough to pick payloads. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const pick = <T>(rand: () => number, list: readonly T[]): T =>
  list[Math.floor(rand() * list.length)]!

/** C-15 and C-17: open-redirect and malformed URL payloads, for every redirect-ish parameter. */
const CALLBACK_URLS = [
  "https://evil.example",
  "//evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "/%5Cevil.example",
  "%2F%2Fevil.example",
  "/%09/evil.example",
  "https:evil.example",
  "https://127.0.0.1.evil.example",
  "https://127.0.0.1@evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  " https://evil.example",
  "\thttps://evil.example",
  "http://[",
  "%",
  "http://a:b:c",
  "http://xn--ls8h.example",
  "http://exa\u0000mple.com",
  "x".repeat(16 * 1024),
]
const REDIRECT_PARAMS = ["callbackUrl", "redirect_uri", "startURL", "next", "returnTo", "retURL"]

const enc = encodeURIComponent
// Built once: the run sends them hundreds of times.
const MANY_PARAMS = Array.from({ length: 2000 }, (_, i) => `p${i}=${i}`).join("&")
const MANY_FIELDS = Array.from({ length: 2000 }, (_, i) => `f${i}=${i}`).join("&")
const BIG_FORM = `username=${"a".repeat(300 * 1024)}`
const BIG_BEARER = `Bearer ${"x".repeat(12 * 1024)}`
const MANY_COOKIES = Array.from({ length: 120 }, (_, i) => `c${i}=${"v".repeat(60)}`).join("; ")
const DEEP_JSON = "[".repeat(5000) + "]".repeat(5000)

/** A raw query string (already encoded, or deliberately mis-encoded). */
export function garbageQuery(rand: () => number): string {
  const kind = Math.floor(rand() * 12)
  switch (kind) {
    case 0:
      return ""
    case 1:
      return `${pick(rand, REDIRECT_PARAMS)}=${enc(pick(rand, CALLBACK_URLS))}`
    case 2:
      return `code=${"A".repeat(8 * 1024)}&state=${"s".repeat(4 * 1024)}` // C-71 (a 64 KB code would only meet Node's 16 KB header limit)
    case 3:
      return "code=a&code=b&state=x&state=y&response_type=code&response_type=token&client_id=1&client_id=2"
    case 4:
      return "state=%00%00&code=%C0%AF&x=%&y=%ZZ&z=%E0%A4%A&crlf=%0D%0ASet-Cookie:%20x=1"
    case 5:
      return MANY_PARAMS
    case 6:
      return `login_hint=${enc("аdmin@example.com")}&username=${enc("admin@example.com\u202e")}&prompt=login%20consent%20none`
    case 7:
      return `response_type=code&client_id=${enc("' OR 1=1 --")}&redirect_uri=${enc(pick(rand, CALLBACK_URLS))}&scope=${enc("api <script>")}`
    case 8:
      return `q=${enc("SELECT Id FROM User WHERE Name = '\\' OR 1=1")}&token=${enc("00D!" + "x".repeat(500))}`
    case 9:
      return `error=access_denied&error_description=${enc("<img src=x onerror=alert(1)>")}&state=${enc('"><script>')}`
    case 10:
      return `request=${enc("../../etc/passwd")}&done=${enc("<b>")}&format=${enc("json\u0000")}`
    default:
      return `%%=%&=&&==&${"[".repeat(50)}=1&a[b][c][d]=1&__proto__[x]=1&constructor[prototype][y]=1`
  }
}

/** Extra headers: C-65 Authorization, oversized and forged cookies, foreign Origin, odd content types. */
export function garbageHeaders(rand: () => number, siteOrigin: string): Record<string, string> {
  const h: Record<string, string> = {}
  const auth = Math.floor(rand() * 8)
  if (auth === 1) h.authorization = "Bearer %"
  if (auth === 2) h.authorization = "Bearer"
  if (auth === 3) h.authorization = BIG_BEARER
  if (auth === 4) h.authorization = "Basic %%%%"
  if (auth === 5) h.authorization = `Basic ${Buffer.from("no-colon").toString("base64")}`
  if (auth === 6) h.authorization = `OAuth 00D!${"é".repeat(20)}`
  const cookie = Math.floor(rand() * 7)
  if (cookie === 1)
    h.cookie = `next-auth.session-token=${"e".repeat(3000)}; sfl_web_server=garbage; sid=%; org_csrf=${"a".repeat(40)}`
  if (cookie === 2)
    h.cookie = `next-auth.session-token.0=aaa; next-auth.session-token.1=%%%; next-auth.session-token.3=x`
  if (cookie === 3) h.cookie = MANY_COOKIES // > 8 KB in total
  if (cookie === 4)
    h.cookie =
      "sfl_user_agent=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC; sfl_setup_check=x.y.z.w.v; __Host-x=1"
  if (cookie === 5) h.cookie = "=; ;;; =a; b; sid=\u00ff\u00fe"
  const origin = Math.floor(rand() * 5)
  h.origin = origin === 0 ? "https://evil.example" : origin === 1 ? "null" : siteOrigin
  if (rand() < 0.2) h["x-forwarded-host"] = "evil.example"
  if (rand() < 0.1) h["accept"] = "application/json;q=\u00ff\u00fe, text/html;level=(((("
  return h
}

export interface GarbageBody {
  body?: Uint8Array | string
  contentType?: string
  label: string
}

/** S-95 and C-71 bodies: bad JSON, deep JSON, wrong types, invalid UTF-8, duplicates, big forms. */
export function garbageBody(rand: () => number): GarbageBody {
  const kind = Math.floor(rand() * 12)
  switch (kind) {
    case 0:
      return { label: "none" }
    case 1:
      return { body: "{bad json", contentType: "application/json", label: "bad json" }
    case 2:
      return { body: DEEP_JSON, contentType: "application/json", label: "deep json" }
    case 3:
      return {
        body: JSON.stringify({
          access_token: ["x"],
          state: { $ne: 1 },
          field: 12,
          __proto__: { admin: true },
          id: "javascript:alert(1)",
        }),
        contentType: "application/json",
        label: "wrong json types",
      }
    case 4:
      return {
        body: Buffer.from([
          0x67, 0x72, 0x61, 0x6e, 0x74, 0x3d, 0xc0, 0xaf, 0xff, 0xfe, 0x00, 0x26, 0x3d,
        ]),
        contentType: "application/x-www-form-urlencoded",
        label: "invalid utf-8 form",
      }
    case 5:
      return {
        body: "grant_type=authorization_code&grant_type=refresh_token&code=a&code=b&client_id=x&client_id=y&token=1&token=2",
        contentType: "application/x-www-form-urlencoded",
        label: "duplicate params",
      }
    case 6:
      return {
        body: BIG_FORM,
        contentType: "application/x-www-form-urlencoded",
        label: "300 KB form",
      }
    case 7:
      return {
        body: MANY_FIELDS,
        contentType: "application/x-www-form-urlencoded",
        label: "2000 fields",
      }
    case 8:
      return {
        body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
        contentType: "multipart/form-data",
        label: "multipart without boundary",
      }
    case 9:
      return {
        body: "\u00ff\u00fe garbage \u0000 <script>",
        contentType: "text/plain",
        label: "text",
      }
    case 10:
      return {
        body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><x>&a;</x>',
        contentType: "application/xml",
        label: "xml",
      }
    default:
      return {
        body: "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbkBleGFtcGxlLmNvbSJ9.",
        contentType: "application/x-www-form-urlencoded",
        label: "alg none assertion",
      }
  }
}
