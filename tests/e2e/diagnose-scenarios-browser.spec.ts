import { test } from "@playwright/test"
import { breakSeeFixWork } from "./_helpers/diagnose"
import { resetOrg } from "./_helpers/org"

/**
 * /diagnose *Reproduce it*, the scenarios of the flows with a login page (Web Server, User-Agent):
 * break, run the flow (logging in as admin@example.com), Salesforce's exact error on the site's
 * error page, fix, run again, the inspector. See diagnose-scenarios-tokens.spec.ts.
 */
test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

for (const id of [
  "web-server-admin-approved-only",
  "web-server-scope-not-allowed",
  "public-client-secret-required",
  "user-agent-blocked",
]) {
  test(`scenario ${id}: break, see Salesforce's error, fix, works`, async ({ page }) => {
    await breakSeeFixWork(page, id)
  })
}
