import { notePostedForm } from "../browser-session"
import type { EmulatorContext } from "../context"
import { OAuthError } from "../errors"
import { readForm } from "../http"
import { messagePage } from "../pages/error-page"

/** Forms on the org's pages are small: anything larger is refused before parsing. */
export const PAGE_FORM_BYTES = 16 * 1024

/**
 * A page form's fields, or the error page to answer with (oversized or not form-encoded). The form
 * is noted for the request: a session held for one parked request is recognised by it
 * (browser-session.ts).
 */
export async function readPageForm(
  ctx: EmulatorContext,
  req: Request,
): Promise<URLSearchParams | Response> {
  try {
    const form = await readForm(req, PAGE_FORM_BYTES)
    notePostedForm(req, form)
    return form
  } catch (e) {
    if (e instanceof OAuthError)
      return messagePage(ctx.basePath, "Bad request", e.description, e.status)
    throw e
  }
}
