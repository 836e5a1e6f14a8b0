/**
 * A route handler for the methods a URL does not take. Next.js answers them with a bare 405 (no
 * body, no `Allow`), which tells a developer nothing; this says which methods the URL takes, in the
 * `Allow` header RFC 9110 §15.5.6 requires and in a JSON error like the site's others.
 */
export function methodNotAllowed(...allowed: string[]): (req: Request) => Response {
  const allow = allowed.join(", ")
  return (req) =>
    Response.json(
      {
        error: "method_not_allowed",
        error_description: `${req.method} is not allowed here: this URL takes ${allow}`,
      },
      { status: 405, headers: { allow, "cache-control": "no-store" } },
    )
}

/** What every URL of the site takes at most; `proxy.ts` refuses the rest before routing. */
export const SITE_METHODS = ["GET", "HEAD", "POST"] as const
