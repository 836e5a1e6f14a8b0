import type { EmulatorContext } from "../context"
import { RestApiError } from "../errors"
import { json } from "../http"
import { closeCursor, openCursor, resumeCursor } from "../store/query-cursors"
import type { TokenRecord } from "../store/tokens"
import { sobjectTables } from "./records"
import { parseSoql, SoqlError } from "./soql"
import { runSoql } from "./soql-run"

/**
 * `Sforce-Query-Options: batchSize=N`: "The default is 2,000; the minimum is 200, and the maximum
 * is 2,000", and the batch size asked is a hint
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_queryoptions.htm).
 * The org clamps to that range and ignores a value it cannot read (docs/fidelity.md, F-104).
 */
export const DEFAULT_BATCH = 2000
export const MIN_BATCH = 200

export function batchSize(req: Request): number {
  const m = /(?:^|[;,\s])batchSize\s*=\s*(\d+)/i.exec(req.headers.get("sforce-query-options") ?? "")
  if (!m) return DEFAULT_BATCH
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(m[1])))
}

const invalidLocator = () => new RestApiError("INVALID_QUERY_LOCATOR", "invalid query locator", 400)

function run(ctx: EmulatorContext, q: string, version: string) {
  try {
    return runSoql(parseSoql(q), sobjectTables(ctx.db), version)
  } catch (e) {
    if (e instanceof SoqlError) throw new RestApiError(e.errorCode, e.message, 400)
    throw e
  }
}

/** One batch of a result, with `nextRecordsUrl` (`/query/{locator}-{offset}`) while more remain. */
function batch(
  ctx: EmulatorContext,
  all: ReturnType<typeof runSoql>,
  version: string,
  cursor: { id: string; batchSize: number },
  offset: number,
) {
  const end = offset + cursor.batchSize
  const records = all.records.slice(offset, end)
  if (end >= all.records.length) {
    closeCursor(ctx.db, cursor.id)
    return { totalSize: all.totalSize, done: true, records }
  }
  return {
    totalSize: all.totalSize,
    done: false,
    nextRecordsUrl: `/services/data/v${version}/query/${cursor.id}-${end}`,
    records,
  }
}

/**
 * `GET /query?q=` and `GET /query/{locator}` (queryMore): a result larger than the batch size
 * comes in batches, `done: false` and `nextRecordsUrl` until the last
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query.htm).
 * A cursor keeps the query, not a snapshot: later batches see records written meanwhile (F-105).
 */
export function queryEndpoint(
  ctx: EmulatorContext,
  req: Request,
  token: TokenRecord,
  locator: string | undefined,
  version: string,
): Response {
  if (locator === undefined) {
    const q = new URL(req.url).searchParams.get("q")
    if (!q) throw new RestApiError("MALFORMED_QUERY", "A query string has to be specified", 400)
    const all = run(ctx, q, version)
    const size = batchSize(req)
    if (all.records.length <= size) return json(all)
    const id = openCursor(ctx.db, { userId: token.userId, query: q, batchSize: size }, ctx.now())
    return json(batch(ctx, all, version, { id, batchSize: size }, 0))
  }
  const m = /^(01g[a-zA-Z0-9]{15})-(\d{1,9})$/.exec(locator)
  if (!m) throw invalidLocator()
  const cursor = resumeCursor(ctx.db, m[1]!, token.userId, ctx.now())
  if (!cursor) throw invalidLocator()
  const all = run(ctx, cursor.query, version)
  const offset = Number(m[2])
  if (offset > all.records.length) throw invalidLocator()
  return json(batch(ctx, all, version, cursor, offset))
}
