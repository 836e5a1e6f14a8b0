import type { EmulatorContext } from "../context"
import { RestApiError } from "../errors"
import { json } from "../http"
import { deleteRecord, insertRecord, newRecordId, replaceRecordFields } from "../store/records"
import { basicInfo, describeGlobal, describeSObject } from "./describe"
import { apiRecord, lookupRecord } from "./records"
import { fieldDef, sobjectDef, type SObjectDef } from "./sobject-schema"
import { applyWrite, readRecordBody, SaveError } from "./sobject-write"

export const notFound = () =>
  new RestApiError("NOT_FOUND", "The requested resource does not exist", 404)

/** A 405 that names the methods the resource takes (also in `Allow`, set by rest-endpoint.ts). */
export class MethodNotAllowed extends RestApiError {
  constructor(
    method: string,
    readonly allowed: string[],
  ) {
    super(
      "METHOD_NOT_ALLOWED",
      `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(",")}`,
      405,
    )
  }
}

const allow = (req: Request, ...allowed: string[]) => {
  const method = req.method === "HEAD" ? "GET" : req.method
  if (!allowed.includes(method)) throw new MethodNotAllowed(req.method, ["HEAD", ...allowed])
  return method
}

/**
 * `/sobjects`, `/sobjects/{Type}`, `/sobjects/{Type}/describe` and `/sobjects/{Type}/{Id}`: describe,
 * and create, retrieve, update and delete with Salesforce's status codes: 201 with
 * `{id, success, errors}`, 204 without a body, 404 `NOT_FOUND`, 404 `ENTITY_IS_DELETED`
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm,
 * …/dome_update_fields.htm, …/dome_delete_record.htm; docs/fidelity.md, F-106, F-107).
 * `resource` is the path after `/services/data/vXX.X`.
 */
export async function sobjectsEndpoint(
  ctx: EmulatorContext,
  req: Request,
  resource: string,
  version: string,
): Promise<Response | undefined> {
  if (resource === "/sobjects") {
    allow(req, "GET")
    return json(describeGlobal(version))
  }
  const m = /^\/sobjects\/(\w+)(?:\/([^/]+))?$/.exec(resource)
  if (!m) return undefined
  const def = sobjectDef(m[1]!)
  if (!def) throw notFound()
  const tail = m[2]
  if (tail === undefined) {
    if (allow(req, "GET", "POST") === "GET") return json(basicInfo(def, version))
    return create(ctx, req, def)
  }
  if (tail === "describe") {
    allow(req, "GET")
    return json(describeSObject(def, version))
  }
  const method = allow(req, "GET", "PATCH", "DELETE")
  const found = lookupRecord(ctx.db, def, tail)
  if (found.status === "missing") throw notFound()
  if (found.status === "deleted") {
    if (method === "GET") throw notFound()
    throw new RestApiError("ENTITY_IS_DELETED", "entity is deleted", 404)
  }
  if (method === "GET") return json(apiRecord(def, found.fields, version, onlyFields(req, def)))
  if (!def.writable) throw notWritable(def, method === "PATCH" ? "updated" : "deleted")
  if (method === "PATCH") {
    const after = applyWrite(def, found.fields, await readRecordBody(req))
    replaceRecordFields(ctx.db, String(found.fields.Id), after)
  } else {
    deleteRecord(ctx.db, String(found.fields.Id), ctx.now())
  }
  return new Response(null, { status: 204 })
}

async function create(ctx: EmulatorContext, req: Request, def: SObjectDef): Promise<Response> {
  if (!def.writable) throw notWritable(def, "inserted")
  const fields = applyWrite(def, undefined, await readRecordBody(req))
  const id = newRecordId(def.keyPrefix)
  insertRecord(ctx.db, def.name, { Id: id, ...fields }, ctx.now())
  return json({ id, success: true, errors: [] }, 201)
}

// Unverified wording: the org's own answer for the objects it keeps read-only (F-108).
const notWritable = (def: SObjectDef, verb: string) =>
  new SaveError("INVALID_TYPE_FOR_OPERATION", `entity type cannot be ${verb}: ${def.name}`)

/** `?fields=A,B` of a retrieve: only those fields, each of which must exist. */
function onlyFields(req: Request, def: SObjectDef): string[] | undefined {
  const raw = new URL(req.url).searchParams.get("fields")
  if (!raw) return undefined
  return raw.split(",").map((name) => {
    const f = fieldDef(def, name.trim())
    if (!f)
      throw new RestApiError(
        "INVALID_FIELD",
        `No such column '${name.trim()}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
        400,
      )
    return f.name
  })
}
