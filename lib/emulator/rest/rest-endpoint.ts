import { authenticateBearer } from "../bearer-auth"
import { identityUrl, type EmulatorContext } from "../context"
import { invalidSession, RestApiError } from "../errors"
import { json } from "../http"
import { ORG } from "../seed/records"
import { countApiRequest } from "../store/counters"
import { getUserPolicy } from "../store/user-policies"
import { limits } from "./limits"
import { queryEndpoint } from "./query-endpoint"
import { MethodNotAllowed, notFound, sobjectsEndpoint } from "./sobjects-endpoint"
import { SaveError } from "./sobject-write"
import { apiVersions, isServedVersion } from "./versions"

// A 405 names the methods the resource takes, in Allow too (RFC 9110 §15.5.6); a save error names
// the fields at fault.
const restError = (e: RestApiError) =>
  json(
    [
      {
        message: e.message,
        errorCode: e.errorCode,
        ...(e instanceof SaveError ? { fields: e.fields } : {}),
      },
    ],
    e.status,
    e instanceof MethodNotAllowed ? { allow: e.allowed.join(", ") } : {},
  )

const getOnly = (req: Request) => {
  if (req.method !== "GET" && req.method !== "HEAD")
    throw new MethodNotAllowed(req.method, ["HEAD", "GET"])
}

/**
 * The REST surface a token can be tried on: `/services/data` (versions), `/vXX.X/`, `/limits`,
 * `/query` (rest/query-endpoint.ts) and `/sobjects…` (rest/sobjects-endpoint.ts). `rest` is the path after `/services/data`.
 */
export async function restEndpoint(
  ctx: EmulatorContext,
  req: Request,
  rest: string,
): Promise<Response> {
  try {
    if (rest === "" || rest === "/") {
      getOnly(req)
      return json(apiVersions())
    }
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
    // A user without "API Enabled" is refused with the edition's error, word for word as a
    // third-party capture shows it (https://docs.sequin.io/integrations/salesforce/playbooks/enable-salesforce-api;
    // HTTP status unverified; docs/fidelity.md, F-177).
    if (!getUserPolicy(ctx.db, token.userId).apiEnabled)
      throw new RestApiError(
        "API_DISABLED_FOR_ORG",
        "The REST API is not enabled for this Organization.",
        403,
      )
    const used = countApiRequest(ctx.db)
    const base = `/services/data/v${version}`
    if (resource === "/") {
      getOnly(req)
      // Only resources this org answers: a client that follows the root must not meet a 404
      // (docs/fidelity.md, F-08, F-109). `identity` is absolute: jsforce's and sf core's
      // Connection.identity() read it from here.
      return json({
        limits: `${base}/limits`,
        query: `${base}/query`,
        sobjects: `${base}/sobjects`,
        identity: identityUrl(ctx, ORG.Id, token.userId),
      })
    }
    if (resource === "/limits") {
      getOnly(req)
      return json(limits(used))
    }
    const q = /^\/query(?:\/([^/]+))?$/.exec(resource)
    if (q) {
      getOnly(req)
      return queryEndpoint(ctx, req, token, q[1], version)
    }
    const answered = await sobjectsEndpoint(ctx, req, resource, version)
    if (answered) return answered
    throw notFound()
  } catch (e) {
    if (e instanceof RestApiError) return restError(e)
    throw e
  }
}
