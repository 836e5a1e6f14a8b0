import type { FlowFailure } from "@/lib/flows/shared/flow-error"
import { API_ENTRIES, SITE_ENTRIES } from "./catalogue-site"
import { OAUTH_ENTRIES } from "./catalogue-oauth"
import { DEVICE_ENTRIES } from "./catalogue-device"
import type { CatalogueEntry } from "./catalogue-types"

/** Every error the site explains, in the order /errors lists them. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  // Before the general OAuth entries: a denied or expired device has its own explanation.
  ...DEVICE_ENTRIES,
  ...OAUTH_ENTRIES,
  ...API_ENTRIES,
  ...SITE_ENTRIES,
]

/** The catalogue entry for a failure: the first whose match accepts it. */
export function entryFor(f: FlowFailure): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.match(f))
}
