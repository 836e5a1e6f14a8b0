import { test } from "@playwright/test"
import { breakSeeFixWork } from "./_helpers/diagnose"
import { resetOrg } from "./_helpers/org"

/**
 * /diagnose *Reproduce it*, the scenarios of the 2025–26 org policies (docs/fidelity.md, F-170 to
 * F-182, F-191): break, run the flow, Salesforce's exact error (on the site's error page, or on the
 * org's own OAuth Error page, pasted into /diagnose, or on the inspector's API call), fix, run
 * again, the inspector.
 */
test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

for (const id of [
  "web-server-app-not-installed",
  "web-server-high-assurance",
  "jwt-api-access-control",
  "jwt-ip-restricted",
  "jwt-frozen-user",
  "jwt-api-disabled",
]) {
  test(`scenario ${id}: break, see Salesforce's error, fix, works`, async ({ page }) => {
    await breakSeeFixWork(page, id)
  })
}
