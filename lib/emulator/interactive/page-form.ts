import type { EmulatorContext } from "../context"
import { OAuthError } from "../errors"
import { readForm } from "../http"
import { messagePage } from "../pages/error-page"

/** Forms on the org's pages are small: anything larger is refused before parsing. */
export const PAGE_FORM_BYTES = 16 * 1024

/** A page form's fields, or the error page to answer with (oversized or not form-encoded). */
export async function readPageForm(
  ctx: EmulatorContext,
  req: Request,
): Promise<URLSearchParams | Response> {
  try {
    return await readForm(req, PAGE_FORM_BYTES)
  } catch (e) {
    if (e instanceof OAuthError)
      return messagePage(ctx.basePath, "Bad request", e.description, e.status)
    throw e
  }
}
