import type { FlowFailure } from "@/lib/flows/shared/flow-error"
import { entryFor } from "./catalogue"

/** An explanation of one failure, with the /errors entry it comes from. */
export interface Explanation {
  title: string
  cause: string
  fix: string[]
  /** The anchor of the entry on /errors. */
  entryId?: string
  /** Offer to approve the app once through the Web Server flow (JWT Bearer, embedded org). */
  approveOnce?: boolean
}

/** Explains a failed flow from the catalogue, adapted to the embedded org where it helps. */
export function explainFailure(f: FlowFailure, embedded: boolean): Explanation {
  const entry = entryFor(f)
  if (!entry) {
    if (f.error)
      return {
        title: `Salesforce answered ${f.error}`,
        cause: "Salesforce refused the request; its words are shown above.",
        fix: ["Check the app's settings in Setup → App Manager, then try again."],
      }
    return {
      title: "Something went wrong",
      cause: "The site hit an unexpected error while completing the flow.",
      fix: ["Try again; if it persists, check the server log."],
    }
  }
  const base: Explanation = {
    title: entry.title,
    cause: entry.meaning,
    fix: entry.fix,
    entryId: entry.id,
  }
  if (
    (entry.id === "user-hasnt-approved-this-consumer" || entry.id === "saml-user-hasnt-approved") &&
    embedded
  ) {
    return {
      ...base,
      cause: `${f.username ?? "This user"} never approved this app with the refresh_token scope and is not pre-authorized. ${entry.meaning}`,
      fix: [
        `Approve the app once as this user through the Web Server flow (the button below), then run the ${f.flow === "saml-bearer" ? "SAML" : "JWT"} Bearer flow again.`,
        "Or, as admin@example.com, open the embedded org's settings (the home page links them) and pre-authorize the user.",
      ],
      approveOnce: !!f.username,
    }
  }
  if (entry.id === "device-flow-not-enabled" && embedded) {
    return {
      ...base,
      fix: [
        'As admin@example.com, open the embedded org\'s settings page, tick "Enable for Device Flow" under OAuth policies and save; then start the Device flow again.',
        ...entry.fix,
      ],
    }
  }
  return base
}
