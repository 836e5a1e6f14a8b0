import type { EmulatorContext } from "../context"
import { bearerToken, json } from "../http"
import { applyScenarioPatch, ScenarioPatchError } from "./scenario-patch"
import { SCENARIO_PATCHES } from "./scenario-patches"
import { controlSecretMatches } from "./secret"

/** `/_lab/scenarios/{id}/{break|fix}`: the one path of the control endpoint. */
export const CONTROL_PATH = /^\/_lab\/scenarios\/([a-z0-9-]{1,64})\/(break|fix)$/

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
  if (!controlSecretMatches(bearerToken(req), ctx.controlSecret))
    return json(
      { error: "unauthorized", error_description: "the lab's control secret is required" },
      401,
      {
        "www-authenticate": 'Bearer realm="lab-control"',
      },
    )
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
