import { readLimitedBytes } from "@/lib/http/read-limited"
import { InvalidClient, InvalidRequest, OAuthError } from "./errors"

/** Forms larger than this are refused before parsing (docs/security.md, S-65, S-95). */
export const MAX_FORM_BYTES = 64 * 1024

/** Token-endpoint style JSON: never cached (RFC 6749 §5.1, docs/security.md, S-33). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json;charset=UTF-8",
      "cache-control": "no-store",
      pragma: "no-cache",
      "x-content-type-options": "nosniff",
      ...headers,
    },
  })
}

export const oauthErrorResponse = (e: OAuthError) => json(e.toJSON(), e.status, e.headers)

export function redirect(
  location: string,
  headers: Record<string, string | string[]> = {},
  status = 302,
): Response {
  const h = new Headers({ location, "cache-control": "no-store", "referrer-policy": "no-referrer" })
  for (const [k, v] of Object.entries(headers)) for (const one of [v].flat()) h.append(k, one)
  return new Response(null, { status, headers: h })
}

/**
 * Parses an `application/x-www-form-urlencoded` body (the only encoding OAuth endpoints take,
 * RFC 6749 §4.1.3). Oversized bodies get 413, other encodings a clear `invalid_request`.
 */
export async function readForm(
  req: Request,
  limit = MAX_FORM_BYTES,
  opts: { multipart?: boolean } = {},
): Promise<URLSearchParams> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase()
  const multipart = opts.multipart && type === "multipart/form-data"
  if (type !== "application/x-www-form-urlencoded" && !multipart) {
    throw new InvalidRequest("request body must be application/x-www-form-urlencoded")
  }
  const bytes = await readLimitedBytes(req, limit)
  if (!bytes) throw new OAuthError("invalid_request", "request body too large", 413)
  if (multipart) return multipartFields(bytes, req.headers.get("content-type")!)
  return new URLSearchParams(Buffer.from(bytes).toString("utf8"))
}

/**
 * A multipart/form-data body's text fields, repeated names kept (so `param` still refuses them).
 * The Salesforce CLI posts its Device flow requests this way (docs/fidelity.md, F-151); a file part
 * or an unparsable body is refused like any other bad encoding.
 */
async function multipartFields(bytes: Uint8Array, contentType: string): Promise<URLSearchParams> {
  let form: FormData
  try {
    form = await new Response(bytes as BodyInit, {
      headers: { "content-type": contentType },
    }).formData()
  } catch {
    throw new InvalidRequest("request body is not valid multipart/form-data")
  }
  const out = new URLSearchParams()
  for (const [k, v] of form) {
    if (typeof v !== "string") throw new InvalidRequest("request body must not carry files")
    out.append(k, v)
  }
  return out
}

/**
 * One value of a parameter. A repeated parameter is ambiguous, so it is refused (RFC 6749 §3.1,
 * docs/security.md, S-09) rather than resolved by picking one.
 */
export function param(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name)
  if (all.length > 1) throw new InvalidRequest(`duplicate parameter: ${name}`)
  const v = all[0]
  return v === undefined || v === "" ? undefined : v
}

export interface ClientAuth {
  clientId?: string
  clientSecret?: string
  method: "client_secret_basic" | "client_secret_post" | "none"
}

/**
 * Reads client authentication: HTTP Basic or `client_id`/`client_secret` in the body
 * (discovery: `token_endpoint_auth_methods_supported`). Using both is refused (RFC 6749 §2.3, S-23).
 */
export function readClientAuth(req: Request, form: URLSearchParams): ClientAuth {
  const header = req.headers.get("authorization")
  const bodyId = param(form, "client_id")
  const bodySecret = param(form, "client_secret")
  if (header && /^basic /i.test(header)) {
    if (bodySecret) throw new InvalidRequest("client authentication must use only one method")
    let decoded: string
    try {
      decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8")
    } catch {
      throw new InvalidClient("invalid basic auth header")
    }
    const colon = decoded.indexOf(":")
    if (colon < 1) throw new InvalidClient("invalid basic auth header")
    const clientId = safeDecode(decoded.slice(0, colon))
    const clientSecret = safeDecode(decoded.slice(colon + 1))
    if (bodyId && bodyId !== clientId)
      throw new InvalidRequest("client_id does not match the authorization header")
    return { clientId, clientSecret, method: "client_secret_basic" }
  }
  if (bodySecret)
    return { clientId: bodyId, clientSecret: bodySecret, method: "client_secret_post" }
  return { clientId: bodyId, method: "none" }
}

/** RFC 6749 §2.3.1 form-encodes Basic credentials; jsforce and curl send them raw. Accept both. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "))
  } catch {
    return s
  }
}

/** The bearer token in `Authorization: Bearer …` (or Salesforce's older `OAuth …`). */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.get("authorization")
  const m = header ? /^(?:bearer|oauth)\s+(\S+)\s*$/i.exec(header) : null
  return m?.[1]
}
