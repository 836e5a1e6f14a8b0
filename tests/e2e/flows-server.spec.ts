import { expect, test, type Page } from "@playwright/test"
import { expectNoAxeViolations } from "./_helpers/a11y"
import { expectFailure, expectSignedIn } from "./_helpers/flows"
import { logIn, ORG, ORG_LOGIN_HOST, resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

/** As the org's administrator, changes settings on the org's settings page and saves them. */
async function orgSettings(page: Page, change: (page: Page) => Promise<void>) {
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  await change(page)
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByRole("status")).toContainText("Settings saved")
}

const enableClientCredentials = (page: Page, runAs = "admin@example.com") =>
  orgSettings(page, async (p) => {
    await p.getByLabel("Enable Client Credentials Flow").check()
    await p.getByLabel(/^Run As/).selectOption({ label: runAs })
  })

/** The transcript step of the token request, opened. */
async function openTokenStep(page: Page, step: RegExp) {
  // The inspector's #transcript, or the error page's "What was sent and received".
  const details = page.locator("details").filter({ hasText: step }).first()
  await details.locator("summary").click()
  return details
}

test("Client Credentials flow: off by default and explained; once the app has a Run-As user, from the chooser to the inspector with the secret as HTTP Basic", async ({
  page,
}) => {
  await page.goto("/")
  await expect(
    page.getByRole("heading", { name: "No user (server or integration)", level: 2 }),
  ).toBeVisible()
  await page.getByRole("link", { name: "Client Credentials flow" }).click()
  await expect(
    page.getByRole("heading", { name: "Client Credentials flow", level: 1 }),
  ).toBeVisible()
  await expect(
    page.getByRole("radio", { name: "HTTP Basic header (client_secret_basic)" }),
  ).toBeVisible()
  await page.getByRole("button", { name: "Start" }).click()
  await expectFailure(page, "The app has no Client Credentials Run-As user")
  await expect(page.getByText("no client credentials user enabled").first()).toBeVisible()
  await expect(page.getByText(/Enable Client Credentials Flow/).first()).toBeVisible()
  await expect(page.getByText(/Client Credentials token request/)).toBeVisible()

  await enableClientCredentials(page)
  await page.goto("/")
  await page.getByRole("link", { name: "Client Credentials flow" }).click()
  await page.getByRole("radio", { name: "HTTP Basic header (client_secret_basic)" }).check()
  await page.getByRole("button", { name: "Start" }).click()
  await expectSignedIn(page, "Ada Admin (admin@example.com)", "Client Credentials flow")
  await expect(page.locator("#summary").getByText("Who (the app's Run-As user)")).toBeVisible()
  // No refresh token and no id_token came back.
  await expect(page.getByRole("button", { name: "Refresh", exact: true })).toBeDisabled()
  const step = await openTokenStep(page, /Client Credentials token request/)
  await expect(step.getByText("authorization: Basic [REDACTED basic_credentials]")).toBeVisible()
  await expect(step.getByText("grant_type=client_credentials", { exact: true })).toBeVisible()
  await expect(step.getByText(/refresh_token|id_token/)).toHaveCount(0)
})

test("C-121 Client Credentials flow: the secret in the body, the code follows the choice, and the transcript hides the secret", async ({
  page,
}) => {
  await enableClientCredentials(page, "demo@example.com")
  await page.goto("/flows/client-credentials")
  await page.getByRole("radio", { name: "HTTP Basic header (client_secret_basic)" }).check()
  await page.getByRole("button", { name: "Show the code for this choice" }).click()
  await expect(page).toHaveURL(/via=basic/)
  const code = page.getByRole("region", { name: "Code to copy" })
  await code
    .locator("summary")
    .filter({ hasText: /^fetch$/ })
    .click()
  await expect(code.getByRole("region", { name: "fetch", exact: true })).toContainText(
    "authorization: `Basic ${basic}`",
  )
  await page.getByRole("radio", { name: "In the body (client_secret_post)" }).check()
  await page.getByRole("button", { name: "Start" }).click()
  await expectSignedIn(page, "Dana Demo (demo@example.com)", "Client Credentials flow")
  const step = await openTokenStep(page, /Client Credentials token request/)
  await expect(step.getByText(/client_secret=\[REDACTED client_secret\]/)).toBeVisible()
})

test("S-210 Client Credentials at the org's generic login host: Salesforce's refusal, explained", async ({
  page,
}) => {
  await enableClientCredentials(page)
  await page.goto("/flows/client-credentials")
  await page.getByRole("radio", { name: /The generic login host/ }).check()
  await page.getByRole("button", { name: "Start" }).click()
  await expectFailure(page, "Client Credentials must go to your My Domain")
  await expect(page.getByText("request not supported on this domain").first()).toBeVisible()
  const step = await openTokenStep(page, /Client Credentials token request/)
  await expect(step.locator("summary")).toContainText(`${ORG_LOGIN_HOST}/services/oauth2/token`)
})

test("C-120 Username-Password flow: legacy, blocked by default with Salesforce's words explained; allowed on the org, the password signs in and is never shown", async ({
  page,
}) => {
  await page.goto("/")
  await expect(page.getByRole("heading", { name: "Legacy", level: 2 })).toBeVisible()
  await page.getByRole("link", { name: "Username-Password flow" }).click()
  await expect(page.getByText("Legacy: do not build on it.")).toBeVisible()
  await expect(page.getByRole("heading", { name: "Use this instead" })).toBeVisible()
  await page.getByRole("textbox", { name: "Username", exact: true }).fill("demo@example.com")
  await page.getByLabel("Password", { exact: true }).fill("demo1234")
  await page.getByRole("button", { name: "Start" }).click()
  await expectFailure(page, "The username-password flow was refused")
  await expect(page.getByText("authentication failure").first()).toBeVisible()
  await expect(page.getByText(/Allow OAuth Username-Password Flows/).first()).toBeVisible()
  await expect(page.getByText(/grant_type=client_credentials/).first()).toBeVisible()
  const failedStep = await openTokenStep(page, /Username-Password token request/)
  await expect(failedStep.getByText(/password=\[REDACTED password\]/)).toBeVisible()
  expect(await page.content()).not.toContain("demo1234")

  await orgSettings(page, (p) => p.getByLabel(/Allow OAuth Username-Password Flows/).check())
  await page.goto("/flows/username-password")
  await page.getByRole("textbox", { name: "Username", exact: true }).fill("demo@example.com")
  await page.getByLabel("Password", { exact: true }).fill("demo1234")
  await page.getByRole("button", { name: "Start" }).click()
  await expectSignedIn(page, "Dana Demo (demo@example.com)", "Username-Password flow")
  const step = await openTokenStep(page, /Username-Password token request/)
  await expect(step.getByText(/password=\[REDACTED password\]/)).toBeVisible()
  expect(await page.content()).not.toContain("demo1234")
  const session = await (await page.request.get("/api/auth/session")).text()
  expect(session).not.toContain("demo1234")
})

test("axe: the Client Credentials and Username-Password pages, and the grouped chooser", async ({
  page,
}) => {
  await page.goto("/flows/client-credentials")
  await expectNoAxeViolations(page, "Client Credentials flow")
  await page.goto("/flows/username-password")
  await expectNoAxeViolations(page, "Username-Password flow (legacy)")
  await page.goto("/")
  await expectNoAxeViolations(page, "Salesforce OAuth Lab")
})
