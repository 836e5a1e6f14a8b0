import { expect, test, type Page } from "@playwright/test"
import { expectNoAxeViolations } from "./_helpers/a11y"
import { expectFailure, expectSignedIn } from "./_helpers/flows"
import { resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

/** From the flow page to the lab identity provider's login and back, signed in there as `username`. */
async function signInAtIdp(page: Page, username: string) {
  await page.goto("/flows/token-exchange")
  await page.getByRole("button", { name: "Sign in at the identity provider" }).click()
  await expectNoAxeViolations(page, "Sign in to the lab identity provider")
  await page.getByLabel("Username").fill(username)
  await page.getByLabel("Password").fill("ext1234")
  await page.getByRole("button", { name: "Sign in" }).click()
  await expect(page.getByRole("heading", { name: "id_token claims" })).toBeVisible()
}

test("F-230 Token Exchange flow: from the chooser through the identity provider's login to the inspector, external and Salesforce tokens side by side", async ({
  page,
}) => {
  await page.goto("/")
  await page.getByRole("link", { name: "Token Exchange flow" }).click()
  await expectNoAxeViolations(page, "Token Exchange flow")
  await signInAtIdp(page, "ext-demo@idp.example")
  // The page shows the claims, never the provider's tokens themselves.
  expect(await page.content()).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/)
  await expectNoAxeViolations(page, "Token Exchange flow")
  await page.getByRole("button", { name: "Exchange at Salesforce" }).click()
  await expectSignedIn(page, "demo@example.com", "Token Exchange flow")
  const exchange = page.locator("#exchange")
  await expect(exchange).toContainText("urn:ietf:params:oauth:token-type:access_token")
  await expect(page.getByTestId("exchange-mapping")).toContainText(
    'claim email = "demo@example.com" → User.Email → demo@example.com',
  )
  await expectNoAxeViolations(page, "Token inspector")
})

test("F-231 Token Exchange flow: an unknown user while the handler may not create users is refused, with the exact error explained", async ({
  page,
}) => {
  await signInAtIdp(page, "ext-new@idp.example")
  await page.getByRole("button", { name: "Exchange at Salesforce" }).click()
  await expectFailure(page, "No Salesforce user for the token's subject")
  await expect(page.getByText("no user found for the token subject").first()).toBeVisible()
  await expectNoAxeViolations(page, /No Salesforce user/)
})
