import { expect, test, type Page } from "@playwright/test"
import { expectSignedIn } from "./_helpers/flows"
import { logIn, ORG, resetOrg } from "./_helpers/org"

/**
 * The Web Server flow's *Client authentication* choice (issue 14 item 3), each from the chooser
 * through login and consent to the inspector, whose Refresh authenticates the same way
 * (docs/security.md, C-140, C-141).
 */
test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

async function choose(page: Page, label: string) {
  await page.goto("/")
  await page.getByRole("link", { name: "Web Server flow" }).click()
  const group = page.getByRole("group", { name: "Client authentication" })
  await expect(group.getByRole("radio", { name: /^Client secret/ })).toBeChecked()
  await group.getByRole("radio", { name: new RegExp(`^${label.replace(/[()]/g, "\\$&")}`) }).check()
  await page.getByRole("button", { name: "Show the request for this choice" }).click()
  await expect(page).toHaveURL(/client_auth=/)
  await expect(
    page
      .getByRole("group", { name: "Client authentication" })
      .getByRole("radio", { name: new RegExp(`^${label.replace(/[()]/g, "\\$&")}`) }),
  ).toBeChecked()
}

async function signIn(page: Page) {
  await page.getByRole("button", { name: "Start", exact: true }).click()
  await logIn(page, "demo@example.com", "demo1234")
  // A user who approved the app once is not asked again.
  const allow = page.getByRole("button", { name: "Allow" })
  const done = page.getByRole("heading", { level: 1 }).filter({ hasNotText: "Allow Access?" })
  await expect(allow.or(done).first()).toBeVisible()
  if (await allow.isVisible()) await allow.click()
}

async function refreshWorks(page: Page) {
  await page.getByRole("button", { name: "Refresh", exact: true }).click()
  await expect(page.locator("#transcript").getByText("refresh the access token")).toBeVisible()
  await expect(page.locator("#transcript").getByText(/refresh failed/)).toHaveCount(0)
}

async function setRequireSecret(page: Page, on: boolean) {
  // The demo user's org session would answer the settings page: log in as the administrator.
  await page.context().clearCookies()
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  for (const label of [
    "Require Secret for Web Server Flow",
    "Require Secret for Refresh Token Flow",
  ])
    await page.getByLabel(label).setChecked(on)
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByRole("status")).toContainText("Settings saved.")
  await page.context().clearCookies()
}

test("C-142 Client secret (the default): chooser to inspector, Refresh with the secret", async ({
  page,
}) => {
  await choose(page, "Client secret")
  await expect(page.getByTestId("token-request")).toContainText("client_secret")
  await signIn(page)
  await expectSignedIn(page, "Dana Demo (demo@example.com)", "Web Server flow")
  await refreshWorks(page)
})

test("C-140 Private key JWT: the preview and the diagram follow the choice; chooser to inspector, Refresh with a client assertion", async ({
  page,
}) => {
  await choose(page, "Private key JWT")
  const preview = page.getByTestId("token-request")
  await expect(preview).toContainText(
    "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
  )
  await expect(preview).not.toContainText("client_secret")
  await expect(
    page.getByText("POST /token: code + client_assertion + verifier").first(),
  ).toBeVisible()
  // The code to copy follows the choice too: it signs an assertion and holds no secret.
  const code = page.getByRole("region", { name: "fetch", includeHidden: true })
  await expect(code).toContainText("client_assertion: clientAssertion(tokenUrl)")
  await expect(code).not.toContainText("client_secret")
  await signIn(page)
  await expectSignedIn(
    page,
    "Dana Demo (demo@example.com)",
    "Web Server flow, client authentication: Private key JWT",
  )
  await refreshWorks(page)
})

test("C-141 None (PKCE only): refused while Require Secret is on, explained; works once it is off, Refresh included", async ({
  page,
}) => {
  await choose(page, "None (PKCE only)")
  await expect(page.getByText("POST /token: code + verifier (no secret)").first()).toBeVisible()
  const code = page.getByRole("region", { name: "jsforce", includeHidden: true })
  await expect(code).toContainText("no secret: a public client")
  await expect(code).not.toContainText("clientSecret")
  await signIn(page)
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
  await expect(page.getByText("invalid client credentials").first()).toBeVisible()
  await expect(page.getByText(/Require Secret for Web Server Flow/).first()).toBeVisible()

  await setRequireSecret(page, false)
  await choose(page, "None (PKCE only)")
  await signIn(page)
  await expectSignedIn(
    page,
    "Dana Demo (demo@example.com)",
    // expectSignedIn matches a regular expression.
    "Web Server flow, client authentication: None \\(PKCE only\\)",
  )
  await refreshWorks(page)
})
