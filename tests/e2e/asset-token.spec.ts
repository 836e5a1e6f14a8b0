import { expect, test, type Page } from "@playwright/test"
import { expectNoAxeViolations } from "./_helpers/a11y"
import { expectFailure, expectSignedIn } from "./_helpers/flows"
import { logIn, ORG, resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

/** Signs in with the JWT Bearer flow as the pre-authorized administrator: the access token to exchange. */
async function signInJwtBearer(page: Page) {
  await page.goto("/flows/jwt-bearer")
  await page.getByLabel("Username").selectOption("admin@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await expectSignedIn(page, "Ada Admin (admin@example.com)", "JWT Bearer flow")
}

test("Asset Token flow: from the chooser with nobody signed in, the page and the error page explain that an access token is needed first", async ({
  page,
}) => {
  await page.goto("/")
  await page.getByRole("link", { name: "Asset Token flow" }).click()
  await expect(page.getByRole("status")).toContainText("Nobody is signed in")
  await expect(page.getByRole("link", { name: "JWT Bearer flow" })).toBeVisible()
  await expectNoAxeViolations(page, "Asset Token flow")
  await page.getByRole("button", { name: "Start" }).click()
  await expectFailure(page, "Sign in first")
  await expectNoAxeViolations(page, "Sign in first")
})

test("Asset Token flow: signed in with the JWT Bearer flow, from the chooser to the inspector showing the asset token verified with the org's keys", async ({
  page,
}) => {
  await signInJwtBearer(page)
  await page.goto("/")
  await page.getByRole("link", { name: "Asset Token flow" }).click()
  await expect(page.getByRole("status")).toContainText("through the JWT Bearer flow")
  await expect(
    page.getByText(/grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&/),
  ).toBeVisible()
  await page.getByLabel(/Device id/).fill("e2e-device-1")
  await page.getByRole("button", { name: "Start" }).click()
  await expect(page).toHaveURL(/\/inspector#asset-token$/)
  const section = page.locator("#asset-token")
  await expect(section.getByRole("heading", { name: "Asset token", level: 2 })).toBeVisible()
  await expect(section.getByText(/^pass$/)).toBeVisible()
  await expect(
    section.getByText(/RS256 signature by kid .* from the org's \/id\/keys/),
  ).toBeVisible()
  await expect(section.getByRole("region", { name: "Asset token payload" })).toContainText(
    '"did": "e2e-device-1"',
  )
  await expect(section.getByRole("region", { name: "Actor token header" })).toContainText(
    '"alg": "RS256"',
  )
  await expectNoAxeViolations(page, "Token inspector")
})

test("Asset Token flow: with Enable Asset Tokens off on the app, the org's refusal is explained", async ({
  page,
}) => {
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  await page.getByLabel("Enable Asset Tokens").uncheck()
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByRole("status")).toContainText("Settings saved")
  await signInJwtBearer(page)
  await page.goto("/flows/asset-token")
  await page.getByLabel(/Sign the actor token/).uncheck()
  await page.getByRole("button", { name: "Start" }).click()
  await expectFailure(page, "The app does not issue asset tokens")
  await expect(page.getByText("asset tokens are not enabled for this app").first()).toBeVisible()
  await expectNoAxeViolations(page, "The app does not issue asset tokens")
})
