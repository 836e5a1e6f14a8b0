import { currentSession } from "../browser-session"
import type { EmulatorContext } from "../context"
import { loginRedirect } from "../oauth/authorize-decision"
import { messagePage } from "../pages/error-page"
import { findUserById } from "../users"

/** Setup is for administrators: anyone else is sent to log in, or told they lack access. */
export function requireAdmin(ctx: EmulatorContext, req: Request): Response | undefined {
  const session = currentSession(ctx, req)
  const user = session && findUserById(ctx.db, session.userId)
  if (!user) return loginRedirect(ctx, `${ctx.basePath}/settings`)
  if (!user.isAdmin) {
    return messagePage(
      ctx.basePath,
      "Insufficient Privileges",
      "You do not have the level of access necessary to perform the operation you requested. Log in as admin@example.com.",
      403,
    )
  }
  return undefined
}
