import { expect, test } from "@playwright/test"
import { resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

test("setup in emulator mode: configuration, callback URLs, and every check passing", async ({
  page,
  baseURL,
}) => {
  await page.goto("/setup")
  await expect(page.getByRole("heading", { name: "Setup assistant" })).toBeVisible()
  await expect(page.getByText(/Mode: the embedded org/)).toBeVisible()
  const callbacks = page.locator("section", {
    has: page.getByRole("heading", { name: "Callback URLs to register" }),
  })
  await expect(
    callbacks.getByText(`${baseURL}/flows/web-server/callback`, { exact: true }),
  ).toBeVisible()
  await expect(callbacks.getByRole("button", { name: "Copy" })).toHaveCount(2)
  await expect(
    page.getByRole("row", {
      name: /SALESFORCE_LOGIN_URL unset the org.s login URL: unset: the site uses its embedded org/,
    }),
  ).toBeVisible()
  await page.getByRole("button", { name: "Check my setup" }).click()
  const results = page.getByRole("list", { name: "Check results" })
  await expect(results.getByText("pass", { exact: true })).toHaveCount(3)
  await expect(results.getByText(/Salesforce issued an access token/)).toBeVisible()
})

test("setup check with a wrong consumer key shows invalid_client_id, its fix and its catalogue entry", async ({
  page,
}) => {
  await page.goto("/setup")
  await page.getByLabel("Consumer key to check").fill("3MVG9DeliberatelyWrongConsumerKey")
  await page.getByRole("button", { name: "Check my setup" }).click()
  const results = page.getByRole("list", { name: "Check results" })
  await expect(results.getByText(/invalid_client_id: client identifier invalid/)).toBeVisible()
  await expect(results.getByText(/Copy the consumer key again/)).toBeVisible()
  await results.getByRole("link", { name: "About this error" }).click()
  await expect(page).toHaveURL(/\/errors\/invalid-client-id$/)
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Salesforce does not know this consumer key",
  )
})

test("error pages link to their /errors entry; the catalogue explains user hasn't approved this consumer", async ({
  page,
}) => {
  await page.goto("/flows/jwt-bearer")
  await page.getByLabel("Username").selectOption("demo@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await page.getByRole("link", { name: "More about this error: causes and fixes" }).click()
  await expect(page).toHaveURL(/\/errors\/user-hasnt-approved-this-consumer$/)
  const entry = page.locator("main article")
  await expect(entry.getByText("user hasn't approved this consumer", { exact: true })).toBeVisible()
  await expect(entry.getByText(/Admin approved users are pre-authorized/).first()).toBeVisible()
  await expect(entry.getByText(/Connected Apps OAuth Usage/)).toBeVisible()
})
