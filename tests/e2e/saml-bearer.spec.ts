import { expect, test } from "@playwright/test"
import { expectNoAxeViolations } from "./_helpers/a11y"
import { expectFailure, expectSignedIn } from "./_helpers/flows"
import { resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

test("SAML Bearer flow: from the chooser to the inspector, with the signed assertion shown as XML and verified", async ({
  page,
}) => {
  await page.goto("/")
  await page.getByRole("link", { name: "SAML Bearer flow", exact: true }).click()
  await expect(page.getByRole("heading", { name: "SAML Bearer flow", level: 1 })).toBeVisible()
  // The assertion before signing, as XML, and the request the site will send.
  const preview = page.getByLabel("The SAML assertion, as XML")
  await expect(preview).toContainText("<saml:Issuer>")
  await expect(preview).toContainText("admin@example.com</saml:NameID>")
  await expect(page.getByText(/grant-type%3Asaml2-bearer/)).toBeVisible()
  await expectNoAxeViolations(page, "SAML Bearer flow")

  await page.getByLabel("Username").selectOption("admin@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await expectSignedIn(page, "Ada Admin (admin@example.com)", "SAML Bearer flow")
  const saml = page.locator("#saml")
  await expect(saml.getByRole("heading", { name: "SAML assertion" })).toBeVisible()
  const checks = saml.getByRole("list", { name: "SAML assertion checks" })
  for (const name of ["signature", "Issuer", "NameID", "Audience", "Recipient", "times"]) {
    const item = checks
      .getByRole("listitem")
      .filter({ has: page.locator("strong", { hasText: new RegExp(`^${name}$`) }) })
    await expect(item.locator("span").first()).toHaveText("pass")
  }
  await expect(checks).toContainText("verified with the app's certificate")
  const xml = saml.getByLabel("The SAML assertion, as XML")
  await expect(xml).toContainText("<ds:SignatureValue>")
  await expect(xml).toContainText('<ds:Reference URI="#_')
  await expect(page.locator("#verifications")).toContainText("SAML Bearer assertion")
})

test("axe: the inspector after the SAML Bearer flow, with its SAML assertion section", async ({
  page,
}) => {
  await page.goto("/flows/saml-bearer")
  await page.getByRole("button", { name: "Start" }).click()
  await expect(page.locator("#saml").getByLabel("The SAML assertion, as XML")).toBeVisible()
  await expectNoAxeViolations(page, "Token inspector")
})

test("C-172 SAML Bearer flow: a user who has not approved the app gets Salesforce's words, explained, with the one-click approval", async ({
  page,
}) => {
  await page.goto("/flows/saml-bearer")
  await page.getByLabel("Username").selectOption("demo@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await expectFailure(page, "The user in the NameID hasn't approved this app")
  await expect(page.getByText("user hasn't approved this consumer").first()).toBeVisible()
  await expect(page.getByText(/SAML Bearer token request/)).toBeVisible()
  await expect(
    page.getByRole("button", { name: "Approve once as demo@example.com via the Web Server flow" }),
  ).toBeVisible()
  await expect(page.getByRole("link", { name: "Try the SAML Bearer flow again" })).toBeVisible()
  await expectNoAxeViolations(page, "The user in the NameID hasn't approved this app")
})
