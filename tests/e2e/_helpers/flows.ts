import { expect, type Page } from "@playwright/test"
import { logIn, ORG } from "./org"

/**
 * Runs the Web Server flow up to the moment the org redirects to the site's callback, and stops
 * there: the consent form is submitted through the context's request API without following the
 * redirect, so the callback URL (code and state) is returned unvisited. Expects a consent page
 * (the org is reset before each test).
 */
export async function webServerCallbackUrl(
  page: Page,
  user = { username: "demo@example.com", password: "demo1234" },
): Promise<string> {
  await page.goto("/flows/web-server")
  await page.getByRole("button", { name: "Start" }).click()
  await logIn(page, user.username, user.password)
  await expect(page.getByRole("heading", { name: "Allow Access?" })).toBeVisible()
  const form = page.locator("form[action$='/consent']")
  const res = await page.request.post(`${ORG}/consent`, {
    form: {
      _csrf: await form.locator("input[name=_csrf]").inputValue(),
      request: await form.locator("input[name=request]").inputValue(),
      decision: "allow",
    },
    // As the browser's own form post would: the org refuses page forms from other origins (S-13).
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  })
  expect(res.status()).toBe(302)
  return res.headers()["location"]!
}

/** Presses Start on a flow page and returns the authorize URL the site sent the browser to. */
export async function authorizeRequestOf(page: Page, flowPath: string): Promise<URL> {
  const seen = page.waitForRequest((r) => r.url().includes(`${ORG}/services/oauth2/authorize`))
  await page.goto(flowPath)
  await page.getByRole("button", { name: "Start" }).click()
  return new URL((await seen).url())
}

export async function signInWebServer(
  page: Page,
  user = { username: "demo@example.com", password: "demo1234" },
) {
  await page.goto("/")
  await page.getByRole("link", { name: "Web Server flow" }).click()
  await page.getByRole("button", { name: "Start" }).click()
  await logIn(page, user.username, user.password)
  await page.getByRole("button", { name: "Allow" }).click()
  await expect(page.getByRole("heading", { name: "Token inspector" })).toBeVisible()
}

export async function expectFailure(page: Page, title: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title)
  await expect(page.getByRole("heading", { name: "Token inspector" })).toHaveCount(0)
}

export async function sessionUser(page: Page): Promise<string | undefined> {
  const res = await page.request.get("/api/auth/session")
  const body = (await res.json()) as { lab?: { user?: { username?: string } } }
  return body.lab?.user?.username
}

/** The inspector's summary names the signed-in user and the flow that signed them in. */
export async function expectSignedIn(page: Page, who: string, flow: string) {
  const summary = page.locator("#summary")
  await expect(page.getByRole("heading", { name: "Token inspector" })).toBeVisible()
  await expect(summary.getByText(who, { exact: false }).first()).toBeVisible()
  await expect(
    summary.getByRole("definition").filter({ hasText: new RegExp(`^${flow}$`) }),
  ).toBeVisible()
}
