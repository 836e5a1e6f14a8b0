import { json } from "../http"
import { html } from "../pages/html"

export type TokenFormat = "json" | "urlencoded" | "xml"

const FORMATS: readonly TokenFormat[] = ["json", "urlencoded", "xml"]

const MEDIA: Readonly<Record<string, TokenFormat>> = {
  "application/json": "json",
  "application/x-www-form-urlencoded": "urlencoded",
  "application/xml": "xml",
  "text/xml": "xml",
}

/**
 * The answer format of the token endpoint: `format=urlencoded|json|xml` in the body (or query), else
 * the first `Accept` media type it knows, else JSON. "The format parameter takes precedence over the
 * request's header" (https://developer.salesforce.com/docs/atlas.en-us.218.0.api_rest.meta/api_rest/intro_understanding_refresh_token_oauth.htm;
 * docs/fidelity.md, F-04). An unknown `format` value counts as absent; `fallback` is the answer
 * when neither names a format (JSON at the token endpoint).
 */
export function tokenFormat(
  req: Request,
  form?: URLSearchParams,
  fallback: TokenFormat = "json",
): TokenFormat {
  const asked = form?.getAll("format")[0] ?? new URL(req.url).searchParams.get("format") ?? ""
  if ((FORMATS as readonly string[]).includes(asked)) return asked as TokenFormat
  for (const part of (req.headers.get("accept") ?? "").split(",")) {
    const media = part.split(";")[0]!.trim().toLowerCase()
    if (Object.hasOwn(MEDIA, media)) return MEDIA[media]!
  }
  return fallback
}

const NO_STORE = {
  "cache-control": "no-store",
  pragma: "no-cache",
  "x-content-type-options": "nosniff",
}

/**
 * A token endpoint answer (success or error) in `format`. The XML shape, one `<OAuth>` element with a
 * child per field, is not documented by Salesforce: unverified (docs/fidelity.md, F-04).
 */
export function formatted(
  body: Readonly<Record<string, unknown>>,
  format: TokenFormat,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  const fields = Object.entries(body).filter(([, v]) => v !== undefined)
  if (format === "urlencoded") {
    const text = new URLSearchParams(fields.map(([k, v]) => [k, String(v)])).toString()
    return new Response(text, {
      status,
      headers: {
        "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
        ...NO_STORE,
        ...headers,
      },
    })
  }
  if (format === "xml") {
    // The html tag's escaping (& < > " ') is XML's too; the field names are the org's own.
    const inner = fields.map(([k, v]) => html`<${k}>${String(v)}</${k}>`)
    const text = html`<?xml version="1.0" encoding="UTF-8"?><OAuth>${inner}</OAuth>`.toString()
    return new Response(text, {
      status,
      headers: { "content-type": "application/xml;charset=UTF-8", ...NO_STORE, ...headers },
    })
  }
  return json(body, status, headers)
}
