import type { FlowFailure } from "@/lib/flows/shared/flow-error"
import { API_ENTRIES, SITE_ENTRIES } from "./catalogue-site"
import { OAUTH_ENTRIES } from "./catalogue-oauth"
import { SERVER_FLOW_ENTRIES, SERVER_FLOW_SITE_ENTRIES } from "./catalogue-server-flows"
import { DEVICE_ENTRIES } from "./catalogue-device"
import { POLICY_ENTRIES } from "./catalogue-policies"
import { SAML_ENTRIES } from "./catalogue-saml"
import { ASSET_TOKEN_ENTRIES } from "./catalogue-asset-token"
import { TOKEN_EXCHANGE_ENTRIES } from "./catalogue-token-exchange"
import type { CatalogueEntry } from "./catalogue-types"

/** Every error the site explains, in the order /errors lists them. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  // First: a flow-specific reading of a generic answer (authentication failure) wins.
  ...SERVER_FLOW_ENTRIES,
  // The SAML Bearer flow's reading of strings that mean something else in other flows.
  ...SAML_ENTRIES,
  // Before the general OAuth entries: a denied or expired device has its own explanation.
  ...DEVICE_ENTRIES,
  // Before the general OAuth entries: "app must be installed into org" is more than a bad secret.
  ...POLICY_ENTRIES,
  ...ASSET_TOKEN_ENTRIES,
  ...TOKEN_EXCHANGE_ENTRIES,
  ...OAUTH_ENTRIES,
  ...API_ENTRIES,
  ...SITE_ENTRIES,
  ...SERVER_FLOW_SITE_ENTRIES,
]

/** The catalogue entry for a failure: the first whose match accepts it. */
export function entryFor(f: FlowFailure): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.match(f))
}

/** The entry with this id (its page, /errors/<id>); undefined when there is none. */
export function entryById(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.id === id)
}
