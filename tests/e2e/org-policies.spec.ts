import { expect, test, type Page } from "@playwright/test"
import { expectNoAxeViolations } from "./_helpers/a11y"
import { signInWebServer } from "./_helpers/flows"
import { logIn, ORG, resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

/** As the org's administrator, on the settings page. */
async function asAdmin(page: Page, change: (page: Page) => Promise<void>) {
  await page.context().clearCookies()
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  await change(page)
  await page.context().clearCookies()
}

const installed = (page: Page) => page.getByLabel("Installed in the org", { exact: true })

test("F-170 the admin uninstalls the app and takes Approve Uninstalled Connected Apps from demo: the site's Web Server flow ends on Salesforce's OAUTH_APPROVAL_ERROR_GENERIC page; installing it again, the flow works", async ({
  page,
}) => {
  await asAdmin(page, async (p) => {
    await installed(p).uncheck()
    await p.getByRole("button", { name: "Apply policies" }).click()
    await expect(p.getByRole("status")).toHaveText(/^Policies saved/)
    await p
      .getByRole("group", { name: "demo@example.com" })
      .getByLabel("Approve Uninstalled Connected Apps")
      .uncheck()
    await p.getByRole("button", { name: "Apply to users" }).click()
    await expect(p.getByRole("status")).toHaveText(/^Users saved/)
    await expectNoAxeViolations(p, "Org settings")
  })

  await page.goto("/flows/web-server")
  await page.getByRole("button", { name: "Start" }).click()
  await logIn(page, "demo@example.com", "demo1234")
  await expect(page.getByRole("heading", { name: "OAuth Error" })).toBeVisible()
  await expect(
    page.getByText(
      "OAUTH_APPROVAL_ERROR_GENERIC : An unexpected error has occured during authentication. Please try again.",
    ),
  ).toBeVisible()
  expect(page.url()).toBe(
    `${ORG}/setup/secur/RemoteAccessErrorPage.apexp?error=invalid_client&error_description=app+must+be+installed+into+org`,
  )
  await expectNoAxeViolations(page, "OAuth Error")

  await asAdmin(page, async (p) => {
    await installed(p).check()
    await p.getByRole("button", { name: "Apply policies" }).click()
    await expect(p.getByRole("status")).toHaveText(/^Policies saved/)
  })
  await signInWebServer(page)
})
