import { RestApiError } from "../errors"
import { readLimitedBytes } from "@/lib/http/read-limited"
import { canonical18, to18 } from "../ids"
import type { RecordFields } from "../store/records"
import { fieldDef, sobjectDef, type FieldDef, type SObjectDef } from "./sobject-schema"

/** Record bodies larger than this are refused before parsing. */
const MAX_BODY_BYTES = 64 * 1024

/** A save error in the API's shape, `fields` naming the fields at fault. */
export class SaveError extends RestApiError {
  constructor(
    errorCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(errorCode, message, 400)
  }
}

/** The JSON object a create or update sends. */
export async function readRecordBody(req: Request): Promise<Record<string, unknown>> {
  const bytes = await readLimitedBytes(req, MAX_BODY_BYTES)
  if (!bytes) throw new RestApiError("JSON_PARSER_ERROR", "The request body is too large", 413)
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(bytes).toString("utf8"))
  } catch {
    throw new RestApiError("JSON_PARSER_ERROR", "The request body is not valid JSON", 400)
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new RestApiError("JSON_PARSER_ERROR", "The request body must be a JSON object", 400)
  return body as Record<string, unknown>
}

// The shape Salesforce's own email fields take: something@domain.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/

/**
 * A lookup holds an ID of the object it looks up, kept in its 18-character form; an email field an
 * address. The status codes are Salesforce's (MALFORMED_ID, FIELD_INTEGRITY_EXCEPTION,
 * INVALID_EMAIL_ADDRESS: the StatusCode list of the page below); the messages are as real orgs
 * word them, unverified (docs/fidelity.md, F-112). Whether the looked-up record exists is not
 * checked.
 */
function checkedValue(f: FieldDef, value: string): string {
  if (f.type === "reference") {
    const wrong = `${f.label}: id value of incorrect type: ${value.slice(0, 40)}`
    if (!ID.test(value)) throw new SaveError("MALFORMED_ID", wrong, [f.name])
    const prefixes = (f.referenceTo ?? []).map((t) => sobjectDef(t)?.keyPrefix)
    if (!prefixes.includes(value.slice(0, 3)))
      throw new SaveError("FIELD_INTEGRITY_EXCEPTION", wrong, [f.name])
    const long = value.length === 15 ? to18(value) : canonical18(value)
    if (!long) throw new SaveError("MALFORMED_ID", wrong, [f.name])
    return long
  }
  if (f.type === "email" && !EMAIL.test(value))
    throw new SaveError(
      "INVALID_EMAIL_ADDRESS",
      `${f.label}: invalid email address: ${value.slice(0, 80)}`,
      [f.name],
    )
  return value
}

/**
 * Checks a create or update body against the object's fields and returns the record after it, with
 * Salesforce's error codes and messages: `INVALID_FIELD` for an unknown field,
 * `INVALID_FIELD_FOR_INSERT_UPDATE` for a read-only one, `REQUIRED_FIELD_MISSING`,
 * `STRING_TOO_LONG` (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm#statuscode;
 * docs/fidelity.md, F-107). `attributes` in the body is ignored, as Salesforce does.
 */
export function applyWrite(
  def: SObjectDef,
  before: RecordFields | undefined,
  body: Record<string, unknown>,
): RecordFields {
  const after: RecordFields = { ...(before ?? {}) }
  const readOnly: string[] = []
  for (const [key, value] of Object.entries(body)) {
    if (key === "attributes") continue
    const f = fieldDef(def, key)
    if (!f)
      throw new SaveError("INVALID_FIELD", `No such column '${key}' on sobject of type ${def.name}`)
    if (!(before ? f.updateable : f.createable)) {
      readOnly.push(f.name)
      continue
    }
    if (value !== null && typeof value !== "string")
      throw new SaveError(
        "JSON_PARSER_ERROR",
        `Cannot deserialize instance of string from ${JSON.stringify(value)} value`,
        [f.name],
      )
    if (typeof value === "string" && value.length > f.length)
      throw new SaveError(
        "STRING_TOO_LONG",
        `${f.label}: data value too large: ${value.slice(0, 40)} (max length=${f.length})`,
        [f.name],
      )
    after[f.name] = value === "" || value === null ? null : checkedValue(f, value)
  }
  if (readOnly.length)
    throw new SaveError(
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      `Unable to create/update fields: ${readOnly.join(", ")}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      readOnly,
    )
  const missing = def.fields
    .filter((f) => !f.nillable && (f.createable || f.updateable))
    .filter((f) => after[f.name] === undefined || after[f.name] === null)
    .map((f) => f.name)
  if (missing.length)
    throw new SaveError(
      "REQUIRED_FIELD_MISSING",
      `Required fields are missing: [${missing.join(", ")}]`,
      missing,
    )
  if (def.name === "Contact")
    after.Name = [after.FirstName, after.LastName].filter((p) => typeof p === "string").join(" ")
  return after
}
