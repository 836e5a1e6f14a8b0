import "server-only"
import { z } from "zod"
import { sealCookie } from "@/lib/auth/sealed-cookie"
import type { Redirect } from "@/lib/http/respond"
import { runScenarioAction } from "./control-client"
import { diagnose, type Diagnosis } from "./diagnose"
import { scenarioById } from "./scenarios"

export const DIAGNOSIS_COOKIE = "sfl_diagnosis"
export const DIAGNOSIS_PURPOSE = "diagnosis"
export const SCENARIO_COOKIE = "sfl_scenario"
export const SCENARIO_PURPOSE = "scenario action"

/** *Paste what you got*: one text field; anything else (a file, nothing) reads as an empty paste. */
export const pasteInputSchema = z.object({ paste: z.string().catch("") }).catch({ paste: "" })

/** The answer travels to /diagnose in a sealed two-minute cookie, never in the URL (it may hold a code). */
export async function runPasteRequest(paste: string): Promise<Redirect> {
  const d = diagnose(paste)
  const payload: Diagnosis = { ...d, entryIds: d.entryIds.slice(0, 8) }
  return {
    location: "/diagnose#answer",
    cookies: [
      await sealCookie(DIAGNOSIS_COOKIE, DIAGNOSIS_PURPOSE, { ...payload }, 120, "/diagnose"),
    ],
  }
}

/** A paste past the body limit: refused before it is read, as every POST route of the site does. */
export const pasteTooLarge = (limit: number) =>
  Response.json(
    {
      error: "payload_too_large",
      error_description: `the paste is larger than ${Math.round(limit / 1024)} KB: paste only the error URL, body or message`,
    },
    { status: 413, headers: { "cache-control": "no-store" } },
  )

/** *Break it* / *Fix it*: a scenario id and an action, nothing else. */
export const scenarioInputSchema = z.object({
  scenario: z.string().regex(/^[a-z0-9-]{1,64}$/),
  action: z.enum(["break", "fix"]),
})

export async function runScenarioRequest(
  input: z.infer<typeof scenarioInputSchema>,
): Promise<Redirect> {
  const scenario = scenarioById(input.scenario)
  const result = scenario
    ? await runScenarioAction(scenario.id, input.action)
    : { ok: false, message: "No such scenario." }
  return {
    location: scenario ? `/diagnose#scenario-${scenario.id}` : "/diagnose#reproduce",
    cookies: [
      await sealCookie(
        SCENARIO_COOKIE,
        SCENARIO_PURPOSE,
        { id: input.scenario, action: input.action, ...result },
        60,
        "/diagnose",
      ),
    ],
  }
}
