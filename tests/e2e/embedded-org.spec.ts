import { expect, test } from "@playwright/test"
import { appCredentials, authorizeUrl, callback, logIn, ORG, resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

test("the home page names the embedded org and lists the demo users", async ({ page }) => {
  await page.goto("/")
  await expect(page.getByRole("heading", { name: "Embedded org" })).toBeVisible()
  await expect(page.getByText(`${ORG}`, { exact: true })).toBeVisible()
  await expect(page.getByRole("cell", { name: "demo@example.com" })).toBeVisible()
  await expect(page.getByRole("cell", { name: "admin1234" })).toBeVisible()
})

test("the discovery document names the embedded org as issuer", async ({ request }) => {
  const res = await request.get(`${ORG}/.well-known/openid-configuration`)
  expect(res.status()).toBe(200)
  const doc = await res.json()
  expect(doc.issuer).toBe(`${ORG}`)
  expect(doc.token_endpoint).toBe(`${ORG}/services/oauth2/token`)
  expect(doc.jwks_uri).toBe(`${ORG}/id/keys`)
})

test("a person logs in, allows access, and the org redirects with a code that the token endpoint accepts", async ({
  page,
  request,
  baseURL,
}) => {
  const { clientId, clientSecret } = await appCredentials(request)
  const redirectUri = callback(baseURL!, "web-server")
  await page.goto(authorizeUrl(clientId, redirectUri, { scope: "api refresh_token openid" }))
  await expect(page.getByRole("heading", { name: "Log in to the embedded org" })).toBeVisible()
  await expect(page.getByRole("cell", { name: "inactive@example.com" })).toBeVisible()
  await logIn(page, "demo@example.com", "demo1234")

  await expect(page.getByRole("heading", { name: "Allow Access?" })).toBeVisible()
  await expect(page.getByText("Manage user data via APIs (api)")).toBeVisible()
  await expect(
    page.getByText("Perform requests at any time (refresh_token, offline_access)"),
  ).toBeVisible()
  await expect(page.getByText("Access unique user identifiers (openid)")).toBeVisible()
  // The site's callback would take over from here; this test only reads what the org sent it.
  const callbackRequest = page.waitForRequest((r) => r.url().startsWith(`${redirectUri}?`))
  await page.getByRole("button", { name: "Allow" }).click()
  const params = new URL((await callbackRequest).url()).searchParams
  expect(params.get("state")).toBe("e2e-state")
  const res = await request.post(`${ORG}/services/oauth2/token`, {
    form: {
      grant_type: "authorization_code",
      code: params.get("code")!,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: redirectUri,
    },
  })
  expect(res.status()).toBe(200)
  const body = await res.json()
  expect(body.id).toMatch(new RegExp(`^${ORG}/id/00D`))
  expect(body.refresh_token).toBeTruthy()
  expect(body.id_token).toBeTruthy()
})

test("a second authorize skips the login through the org session; prompt=login asks again", async ({
  page,
  request,
  baseURL,
}) => {
  const { clientId } = await appCredentials(request)
  const redirectUri = callback(baseURL!, "web-server")
  const toCallback = () => page.waitForRequest((r) => r.url().startsWith(`${redirectUri}?code=`))
  let arrived = toCallback()
  await page.goto(authorizeUrl(clientId, redirectUri))
  await logIn(page, "admin@example.com", "admin1234")
  await arrived

  arrived = toCallback()
  await page.goto(authorizeUrl(clientId, redirectUri))
  await arrived

  await page.goto(authorizeUrl(clientId, redirectUri, { prompt: "login" }))
  await expect(page.getByRole("button", { name: "Log In" })).toBeVisible()
})

test("Deny sends access_denied back to the application with the state", async ({
  page,
  request,
  baseURL,
}) => {
  const { clientId } = await appCredentials(request)
  const redirectUri = callback(baseURL!, "web-server")
  await page.goto(authorizeUrl(clientId, redirectUri))
  await logIn(page, "demo@example.com", "demo1234")
  const callbackRequest = page.waitForRequest((r) => r.url().startsWith(`${redirectUri}?`))
  await page.getByRole("button", { name: "Deny" }).click()
  const params = new URL((await callbackRequest).url()).searchParams
  expect(params.get("error")).toBe("access_denied")
  expect(params.get("error_description")).toBe("end-user denied authorization")
  expect(params.get("state")).toBe("e2e-state")
})

test("an unknown client gets Salesforce's error page, not a redirect", async ({ page }) => {
  await page.goto(authorizeUrl("3MVG9unknown", "https://evil.test/cb"))
  await expect(page.getByRole("heading", { name: "OAuth Error" })).toBeVisible()
  await expect(
    page.getByText("error=invalid_client_id&error_description=client%20identifier%20invalid"),
  ).toBeVisible()
  expect(new URL(page.url()).host).not.toBe("evil.test")
})

test("the org settings page blocks the user-agent flow, the authorize endpoint obeys, and Reset org undoes it", async ({
  page,
  request,
  baseURL,
}) => {
  const { clientId } = await appCredentials(request)
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  await expect(page.getByRole("heading", { name: "Org settings" })).toBeVisible()
  await page.getByLabel("Block the user-agent flow").check()
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByRole("status")).toContainText("Settings saved.")
  await expect(page.getByLabel("Block the user-agent flow")).toBeChecked()

  const redirectUri = callback(baseURL!, "user-agent")
  // The fragment never reaches a server: read it from the org's redirect itself.
  const answer = page.waitForResponse((r) => r.url().includes(`${ORG}/services/oauth2/authorize`))
  await page.goto(authorizeUrl(clientId, redirectUri, { response_type: "token" }))
  const location = (await answer).headers()["location"]!
  expect(location.startsWith(`${redirectUri}#`)).toBe(true)
  const fragment = new URLSearchParams(new URL(location).hash.slice(1))
  expect(fragment.get("error")).toBe("unsupported_response_type")
  expect(fragment.get("state")).toBe("e2e-state")

  // *Reset org* on the settings page (the administrator stays logged in) puts the setting back. In
  // a tab of its own: the first one is still on the site's callback page, which moves on by itself.
  const settings = await page.context().newPage()
  await settings.goto(`${ORG}/settings`)
  await settings.getByRole("button", { name: "Reset org" }).click()
  await expect(settings.getByRole("status")).toHaveText("The org was reset.")
  await expect(settings.getByLabel("Block the user-agent flow")).not.toBeChecked()
})

test("a demo user cannot open the org settings", async ({ page }) => {
  await page.goto(`${ORG}/settings`)
  await logIn(page, "demo@example.com", "demo1234")
  await expect(page.getByRole("heading", { name: "Insufficient Privileges" })).toBeVisible()
})
