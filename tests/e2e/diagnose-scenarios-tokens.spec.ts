import { test } from "@playwright/test"
import { breakSeeFixWork } from "./_helpers/diagnose"
import { resetOrg } from "./_helpers/org"

/**
 * /diagnose *Reproduce it*, the scenarios of the flows without a login page (JWT Bearer, Client
 * Credentials, Username-Password, Device): each one is broken with one click, fails with
 * Salesforce's exact error on the site's error page, is fixed with one click, and works.
 * A new scenario: its data (lib/diagnose/scenarios.ts, lib/emulator/control/scenario-patches.ts)
 * and its id in one of these lists.
 */
test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

for (const id of [
  "jwt-not-preauthorized",
  "jwt-admin-approved-only",
  "jwt-no-refresh-token-scope",
  "jwt-approval-revoked",
  "username-password-blocked",
  "client-credentials-off",
  "client-credentials-inactive-run-as",
  "device-flow-disabled",
]) {
  test(`scenario ${id}: break, see Salesforce's error, fix, works`, async ({ page }) => {
    await breakSeeFixWork(page, id)
  })
}
