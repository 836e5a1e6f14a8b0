import type { FlowFailure } from "@/lib/flows/shared/flow-error"

export type ErrorSource =
  | "authorize"
  | "token"
  | "JWT Bearer"
  | "SAML Bearer"
  | "Client Credentials"
  | "Username-Password"
  | "Token Exchange"
  | "REST API"
  | "this site"

/** One error a developer can meet, explained: what it means, why it happens, how to fix it. */
export interface CatalogueEntry {
  /** Anchor on /errors. */
  id: string
  /** The `error` (or `errorCode`, or the site's own code) as it appears on the wire. */
  error: string
  /** Salesforce's `error_description`, word for word, when it has a fixed one. */
  description?: string
  /** Other words that identify it on Salesforce's pages, for /diagnose (a pasted page's text). */
  phrases?: string[]
  where: ErrorSource[]
  title: string
  meaning: string
  causes: string[]
  fix: string[]
  /** The fix in one sentence, where `fix` needs several steps (used by /setup's checks). */
  fixSummary?: string
  /** Does a failure of a flow correspond to this entry? */
  match: (f: FlowFailure) => boolean
}

export const descOf = (f: FlowFailure) => (f.errorDescription ?? "").toLowerCase()

/** The steps that pre-authorize a user for JWT Bearer ("Admin approved users are pre-authorized", https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&language=en_US&type=5). */
export const PREAUTHORIZE_STEPS = [
  'Setup → App Manager → find the app → ▾ → Manage → Edit Policies. Set Permitted Users to "Admin approved users are pre-authorized" and save. (External Client App: Setup → External Client App Manager → the app → Policies → Edit → App Policies.)',
  "On the app's Manage page, Profiles → Manage Profiles (or Permission Sets → Manage Permission Sets): add the profile or a permission set of the user named in sub. External Client Apps take permission sets only.",
  'Check the app\'s Selected OAuth Scopes include "Perform requests at any time (refresh_token, offline_access)" and "Manage user data via APIs (api)".',
  "Since September 2025 an uninstalled connected app is blocked for most users: Setup → Connected Apps OAuth Usage → find the app → Install.",
  "Wait 2 to 10 minutes for the change to reach the login servers, then try again.",
]
