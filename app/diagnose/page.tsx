import type { Metadata } from "next"
import { headers } from "next/headers"
import { unsealCookie } from "@/lib/auth/sealed-cookie"
import type { Diagnosis } from "@/lib/diagnose/diagnose"
import { MAX_PASTE_CHARS } from "@/lib/diagnose/parse"
import {
  DIAGNOSIS_COOKIE,
  DIAGNOSIS_PURPOSE,
  SCENARIO_COOKIE,
  SCENARIO_PURPOSE,
} from "@/lib/diagnose/requests"
import { SCENARIOS } from "@/lib/diagnose/scenarios"
import { orgOrProblems } from "@/lib/org/or-problems"
import { DiagnosisAnswer } from "./_components/diagnosis-answer"
import { ScenarioCard, type ScenarioStatus } from "./_components/scenario-card"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Why won't it authorize? | Salesforce OAuth Lab" }

/** /diagnose: explain a pasted error from the catalogue, and reproduce failures in the embedded org. */
export default async function DiagnosePage() {
  const cookie = (await headers()).get("cookie")
  // Without a valid configuration no sealed cookie can be opened: the page still renders, with
  // nothing to show from one, instead of answering 500 (docs/security.md, C-53).
  const { org } = await orgOrProblems()
  const [diagnosis, scenario] = org
    ? await Promise.all([
        unsealCookie<Diagnosis & { exp: number; [k: string]: unknown }>(
          cookie,
          DIAGNOSIS_COOKIE,
          DIAGNOSIS_PURPOSE,
        ),
        unsealCookie<ScenarioStatus & { id: string; exp: number; [k: string]: unknown }>(
          cookie,
          SCENARIO_COOKIE,
          SCENARIO_PURPOSE,
        ),
      ])
    : []
  const embedded = !!org?.embedded
  return (
    <div>
      <ScriptFree />
      <h1 className="mb-2 text-2xl font-bold">Why won&apos;t it authorize?</h1>
      <p className="mb-6 text-slate-700">
        Most failed Salesforce logins in 2025–26 come from a policy of the org, not from your code.
        Paste what you got to learn the likely cause and the fix, or reproduce a failure in the
        embedded org.
      </p>

      <section aria-labelledby="paste-h" className="mb-6">
        <h2 id="paste-h" className="mb-2 text-xl font-semibold">
          Paste what you got
        </h2>
        <form method="post" action="/diagnose/paste">
          <label htmlFor="paste" className="mb-1 block">
            The error URL (<code>?error=…</code> or <code>#error=…</code>), the JSON error body, or
            the error page&apos;s text
          </label>
          <textarea
            id="paste"
            name="paste"
            rows={6}
            maxLength={MAX_PASTE_CHARS}
            className="mb-2 w-full rounded border border-slate-500 p-2 font-mono text-sm"
          />
          <button type="submit" className="rounded bg-blue-800 px-4 py-2 font-semibold text-white">
            Diagnose
          </button>
        </form>
      </section>

      {diagnosis ? <DiagnosisAnswer d={diagnosis} /> : null}

      <section id="reproduce" aria-labelledby="reproduce-h">
        <h2 id="reproduce-h" className="mb-2 text-xl font-semibold">
          Reproduce it
        </h2>
        <p className="mb-3">
          {embedded
            ? "Break it puts the embedded org into the failure; run the flow and read Salesforce's error on the site's error page; Fix it puts the org back, and the flow works again."
            : "Reproducing needs the embedded org: these scenarios change its settings, which a real org's Setup does only by hand. Unset SALESFORCE_LOGIN_URL and restart to use them; the fixes below are the same on a real org."}
        </p>
        <ul>
          {SCENARIOS.map((s) => (
            <ScenarioCard
              key={s.id}
              s={s}
              embedded={embedded}
              status={scenario?.id === s.id ? scenario : undefined}
            />
          ))}
        </ul>
      </section>
    </div>
  )
}
