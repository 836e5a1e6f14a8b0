import "server-only"
import { orgConnection } from "@/lib/org/connection"
import { readFormData } from "@/lib/http/read-limited"
import { sealCookie } from "@/lib/auth/sealed-cookie"
import type { Redirect } from "@/lib/http/respond"
import { runSetupChecks } from "./checks"

export const CHECK_COOKIE = "sfl_setup_check"
export const CHECK_PURPOSE = "setup check"

/**
 * *Check my setup*: runs the live checks, optionally with another consumer key typed on the page
 * (to try a key before configuring it), and carries the results to /setup in a sealed cookie.
 */
export async function runSetupCheckRequest(req: Request): Promise<Redirect> {
  const form = await readFormData(req)
  const typed = form.get("client_id")
  const clientId = typeof typed === "string" && /^[\w.]{1,256}$/.test(typed.trim()) ? typed.trim() : undefined
  const org = await orgConnection().catch(() => undefined)
  // With an invalid configuration the page itself lists the problems: nothing to check.
  if (!org) return { location: "/setup", cookies: [] }
  const checks = await runSetupChecks(org, { clientId })
  return { location: "/setup#check", cookies: [await sealCookie(CHECK_COOKIE, CHECK_PURPOSE, { checks, clientId: clientId ?? null, at: Date.now() }, 120, "/setup")] }
}
