import type { EmulatorContext } from "../context"
import { bearerToken, json } from "../http"
import { resetOrg } from "../store/reset"
import { applyScenarioPatch, ScenarioPatchError } from "./scenario-patch"
import { SCENARIO_PATCHES } from "./scenario-patches"
import { controlSecretMatches } from "./secret"

/** `/_lab/scenarios/{id}/{break|fix}`: a scenario of the control endpoint. */
export const CONTROL_PATH = /^\/_lab\/scenarios\/([a-z0-9-]{1,64})\/(break|fix)$/

/** `/_lab/reset`: the settings page's *Reset org*, for test suites that share one org. */
export const CONTROL_RESET_PATH = "/_lab/reset"

const unauthorized = () =>
  json({ error: "unauthorized", error_description: "the lab's control secret is required" }, 401, {
    "www-authenticate": 'Bearer realm="lab-control"',
  })

/**
 * `POST /_lab/scenarios/{id}/{break|fix}`: puts the org into one of /diagnose's scenarios, or
 * back out of it. Not a Salesforce endpoint: the lab's site calls it server to server, with the
 * bearer secret both processes read from the data folder (secret.ts); without it, 401, before
 * anything else is looked at (docs/security.md, C-150, C-151). It only ever applies the fixed
 * patches of scenario-patches.ts: the request names a scenario, never a setting.
 */
export function controlEndpoint(
  ctx: EmulatorContext,
  req: Request,
  id: string,
  action: "break" | "fix",
): Response {
  if (!controlSecretMatches(bearerToken(req), ctx.controlSecret)) return unauthorized()
  const scenario = Object.hasOwn(SCENARIO_PATCHES, id) ? SCENARIO_PATCHES[id] : undefined
  if (!scenario) return json({ error: "not_found", error_description: "no such scenario" }, 404)
  try {
    applyScenarioPatch(ctx.db, ctx.app.clientId, scenario[action], ctx.now())
  } catch (e) {
    if (e instanceof ScenarioPatchError)
      return json({ error: "invalid_request", error_description: e.message }, 409)
    throw e
  }
  return json({ scenario: id, action, applied: true })
}

/**
 * `POST /_lab/reset`: what the settings page's *Reset org* does (store/reset.ts), server to
 * server, for a test suite that runs many tests against one org: the lab's browser tests, or a
 * user's own. The same bearer secret guards it (docs/security.md, C-150); without it, 401.
 */
export function controlReset(ctx: EmulatorContext, req: Request): Response {
  if (!controlSecretMatches(bearerToken(req), ctx.controlSecret)) return unauthorized()
  resetOrg(ctx.db, ctx.now())
  return json({ reset: true })
}
