/** A back-channel request as a flow page shows it before anything is sent (secrets as placeholders). */
export interface TokenRequestPreview {
  method: "POST"
  url: string
  headers: [string, string][]
  body: string
}

/** The request as HTTP/1.1 text, for a `<pre>` on the page. */
export function requestText(p: TokenRequestPreview): string {
  const u = new URL(p.url)
  return [
    `${p.method} ${u.pathname} HTTP/1.1`,
    `Host: ${u.host}`,
    ...p.headers.map(([k, v]) => `${k}: ${v}`),
    "",
    p.body,
  ].join("\n")
}
