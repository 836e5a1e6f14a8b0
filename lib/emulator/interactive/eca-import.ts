import { readLimitedBytes } from "@/lib/http/read-limited"
import { parseEcaZip } from "@/lib/salesforce/eca/parse"
import { EcaXmlError } from "@/lib/salesforce/eca/xml"
import { EcaZipError, ZIP_LIMITS } from "@/lib/salesforce/eca/zip"
import { csrfValid } from "../browser-session"
import type { EmulatorContext } from "../context"
import { ecaImportResultPage } from "../pages/eca-import-page"
import { messagePage } from "../pages/error-page"
import { applyEcaDeclaration } from "../store/eca-apply"
import { requireAdmin } from "./settings-admin"

/** The zip plus the form's few text fields and multipart framing. */
const UPLOAD_BYTES = ZIP_LIMITS.zipBytes + 16 * 1024

const refused = (ctx: EmulatorContext, why: string, status = 400) =>
  messagePage(ctx.basePath, "Import refused", `${why} Nothing was changed.`, status)

/** The upload's text fields and its one file, or why the request cannot be read. */
async function readUpload(
  req: Request,
): Promise<{ fields: URLSearchParams; zip?: Uint8Array } | string> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase()
  if (type !== "multipart/form-data") return "The form must be sent as multipart/form-data."
  const bytes = await readLimitedBytes(req, UPLOAD_BYTES)
  if (!bytes) return `The upload is larger than ${ZIP_LIMITS.zipBytes / 1024} KB.`
  let form: FormData
  try {
    form = await new Response(bytes as BodyInit, {
      headers: { "content-type": req.headers.get("content-type")! },
    }).formData()
  } catch {
    return "The upload is not valid multipart/form-data."
  }
  const fields = new URLSearchParams()
  let zip: Uint8Array | undefined
  for (const [k, v] of form) {
    if (typeof v === "string") fields.append(k, v)
    else if (k === "zip" && !zip) zip = new Uint8Array(await v.arrayBuffer())
  }
  return { fields, zip }
}

/**
 * `POST /settings/eca-import`: zip → EcaDeclaration (lib/salesforce/eca/parse.ts) → applied to the
 * site's app (store/eca-apply.ts) → a page saying what was applied, what is declared but not
 * modelled, and what was refused. A bad zip gets an error page naming why, never a 500
 * (docs/security.md, S-260–S-264).
 */
export async function ecaImportPost(ctx: EmulatorContext, req: Request): Promise<Response> {
  const denied = requireAdmin(ctx, req)
  if (denied) return denied
  const upload = await readUpload(req)
  if (typeof upload === "string") return refused(ctx, upload, upload.includes("larger") ? 413 : 400)
  if (!csrfValid(ctx, req, upload.fields))
    return messagePage(
      ctx.basePath,
      "Page expired",
      "This page expired. Reload the settings page and try again.",
      403,
    )
  if (!upload.zip?.byteLength) return refused(ctx, "Choose the zip file to import.")
  try {
    const declaration = parseEcaZip(upload.zip)
    const report = applyEcaDeclaration(ctx.db, ctx.app.clientId, declaration)
    return ecaImportResultPage({
      basePath: ctx.basePath,
      appName: declaration.appName,
      files: declaration.files,
      report,
      ignored: declaration.ignored,
    })
  } catch (e) {
    if (e instanceof EcaZipError || e instanceof EcaXmlError) return refused(ctx, e.message)
    throw e
  }
}
