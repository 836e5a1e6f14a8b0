import { authenticateBearer } from "../bearer-auth"
import { identityUrl, type EmulatorContext } from "../context"
import { invalidSession, RestApiError } from "../errors"
import { json } from "../http"
import { ORG } from "../seed/records"
import { countApiRequest } from "../store/counters"
import { limits } from "./limits"
import { sobjectRecord, sobjectTables } from "./records"
import { parseSoql, SoqlError } from "./soql"
import { runSoql } from "./soql-run"
import { apiVersions, isServedVersion } from "./versions"

// A 405 names the methods the resource takes, in Allow too (RFC 9110 §15.5.6).
const restError = (e: RestApiError) =>
  json(
    [{ message: e.message, errorCode: e.errorCode }],
    e.status,
    e.status === 405 ? { allow: "HEAD, GET" } : {},
  )
const notFound = () => new RestApiError("NOT_FOUND", "The requested resource does not exist", 404)

/**
 * The small REST surface a token can be tried on: `/services/data` (versions), `/vXX.X/`,
 * `/limits`, `/query?q=` and `/sobjects/{Type}/{Id}`. `rest` is the path after `/services/data`.
 */
export async function restEndpoint(
  ctx: EmulatorContext,
  req: Request,
  rest: string,
): Promise<Response> {
  try {
    const url = new URL(req.url)
    if (rest === "" || rest === "/") return json(apiVersions())
    if (req.method !== "GET" && req.method !== "HEAD")
      throw new RestApiError(
        "METHOD_NOT_ALLOWED",
        `HTTP Method '${req.method}' not allowed. Allowed are HEAD,GET`,
        405,
      )
    const m = /^\/v(\d+\.\d)(\/.*)?$/.exec(rest)
    if (!m || !isServedVersion(m[1]!)) throw notFound()
    const version = m[1]!
    const resource = (m[2] ?? "/").replace(/\/+$/, "") || "/"
    const token = authenticateBearer(ctx, req, { allowQuery: false })
    if (!token) throw invalidSession()
    // A token without `api` (or `full`) is a session the REST API does not take: Salesforce answers
    // 401 INVALID_SESSION_ID (Salesforce Help article 005226515). API_DISABLED_FOR_ORG is for orgs
    // whose edition has no API access, which this Developer Edition org is not.
    if (!token.scopes.some((s) => s === "api" || s === "full")) {
      throw new RestApiError(
        "INVALID_SESSION_ID",
        "This session is not valid for use with the REST API",
        401,
      )
    }
    const used = countApiRequest(ctx.db)
    const base = `/services/data/v${version}`
    if (resource === "/") {
      // Only resources this org answers: a client that follows the root must not meet a 404
      // (docs/fidelity.md, F-08). `identity` is absolute: jsforce's and sf core's
      // Connection.identity() read it from here.
      return json({
        limits: `${base}/limits`,
        query: `${base}/query`,
        identity: identityUrl(ctx, ORG.Id, token.userId),
      })
    }
    if (resource === "/limits") return json(limits(used))
    if (resource === "/query") {
      const q = url.searchParams.get("q")
      if (!q) throw new RestApiError("MALFORMED_QUERY", "A query string has to be specified", 400)
      try {
        return json(runSoql(parseSoql(q), sobjectTables(), version))
      } catch (e) {
        if (e instanceof SoqlError) throw new RestApiError(e.errorCode, e.message, 400)
        throw e
      }
    }
    const so = /^\/sobjects\/(\w+)\/(\w+)$/.exec(resource)
    if (so) {
      const record = sobjectRecord(so[1]!, so[2]!, version)
      if (!record) throw notFound()
      return json(record)
    }
    throw notFound()
  } catch (e) {
    if (e instanceof RestApiError) return restError(e)
    throw e
  }
}
