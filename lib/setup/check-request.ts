import "server-only"
import { z } from "zod"
import { orgConnection } from "@/lib/org/connection"
import { sealCookie } from "@/lib/auth/sealed-cookie"
import type { Redirect } from "@/lib/http/respond"
import { runSetupChecks } from "./checks"

export const CHECK_COOKIE = "sfl_setup_check"
export const CHECK_PURPOSE = "setup check"

/** The form of *Check my setup*: a consumer key typed to try, ignored unless it looks like one. */
export const setupCheckInputSchema = z.object({
  client_id: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().regex(/^[\w.]{1,256}$/))
    .optional()
    .catch(undefined),
})

/**
 * *Check my setup*: runs the live checks, optionally with another consumer key typed on the page
 * (to try a key before configuring it), and carries the results to /setup in a sealed cookie.
 */
export async function runSetupCheckRequest(clientId: string | undefined): Promise<Redirect> {
  const org = await orgConnection().catch(() => undefined)
  // With an invalid configuration the page itself lists the problems: nothing to check.
  if (!org) return { location: "/setup", cookies: [] }
  const checks = await runSetupChecks(org, { clientId })
  return {
    location: "/setup#check",
    cookies: [
      await sealCookie(
        CHECK_COOKIE,
        CHECK_PURPOSE,
        { checks, clientId: clientId ?? null, at: Date.now() },
        120,
        "/setup",
      ),
    ],
  }
}
