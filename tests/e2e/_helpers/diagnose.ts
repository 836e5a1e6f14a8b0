import { expect, type Page } from "@playwright/test"
import { scenarioById } from "@/lib/diagnose/scenarios"
import { logIn } from "./org"

/** *Break it* or *Fix it* on /diagnose, and the org's answer shown beside the scenario. */
export async function pressScenario(page: Page, id: string, action: "break" | "fix") {
  await page.goto("/diagnose")
  const card = page.locator(`#scenario-${id}`)
  await card
    .getByRole("button", { name: new RegExp(`^${action === "break" ? "Break" : "Fix"} it`) })
    .click()
  await expect(card.getByRole("status")).toContainText(action === "break" ? "Broken:" : "Fixed:")
}

/** The org's own error page, where the uninstalled-app block leaves the browser. */
const ORG_ERROR_PAGE = "/setup/secur/RemoteAccessErrorPage.apexp"
const SETTLED = ["/inspector", "/flows/error", "/login", "/consent", ORG_ERROR_PAGE]

/** Runs the scenario's flow as its `run` text says, logging in and allowing as admin@example.com (or demo) when asked. */
export async function runFlow(page: Page, id: string) {
  const s = scenarioById(id)!
  if (s.flow === "jwt-bearer") {
    await page.goto(s.flowPath)
    await page
      .getByLabel("Username")
      .selectOption(/demo@/.test(s.run) ? "demo@example.com" : "admin@example.com")
  } else if (s.flow === "username-password") {
    await page.goto(s.flowPath)
    await page.getByRole("textbox", { name: "Username", exact: true }).fill("admin@example.com")
    await page.getByLabel("Password", { exact: true }).fill("admin1234")
  } else {
    await page.goto(
      /None \(PKCE only\)/.test(s.run) ? `${s.flowPath}?client_auth=none` : s.flowPath,
    )
  }
  await page.getByRole("button", { name: "Start" }).click()
  if (s.flow === "device") return
  for (let i = 0; i < 3; i++) {
    await page.waitForURL((u) => SETTLED.includes(u.pathname))
    const path = new URL(page.url()).pathname
    if (path === "/login") await logIn(page, "admin@example.com", "admin1234")
    else if (path === "/consent") await page.getByRole("button", { name: "Allow" }).click()
    else break
    await page.waitForURL((u) => u.pathname !== path)
  }
  if (s.apiCall && new URL(page.url()).pathname === "/inspector")
    await page.getByRole("button", { name: "Limits" }).click()
}

/**
 * The site's error page shows Salesforce's exact words, and links the catalogue entry. An error
 * that stays on the org's own page shows its words there; pasted into /diagnose, they are explained.
 */
export async function expectScenarioError(page: Page, id: string) {
  const s = scenarioById(id)!
  if (s.apiCall) {
    const alert = page.locator("#api").getByRole("alert")
    await expect(alert).toContainText(`${s.error}: ${s.errorDescription}`)
    await expect(alert.locator(`a[href="/errors/${s.entryId}"]`)).toBeVisible()
    return
  }
  if (s.orgPage) {
    expect(new URL(page.url()).pathname).toBe(ORG_ERROR_PAGE)
    await expect(page.getByRole("heading", { name: "OAuth Error" })).toBeVisible()
    await expect(page.locator("body")).toContainText(`${s.error} : ${s.errorDescription}`)
    const text = await page.locator("body").innerText()
    await page.goto("/diagnose")
    await page.getByLabel(/The error URL/).fill(text)
    await page.getByRole("button", { name: "Diagnose" }).click()
    await expect(page.locator(`#answer a[href="/errors/${s.entryId}"]`).first()).toBeVisible()
    return
  }
  const alert = page.locator("main").getByRole("alert")
  await expect(alert).toContainText(s.error)
  await expect(alert).toContainText(s.errorDescription)
  await expect(page.locator(`a[href="/errors/${s.entryId}"]`).first()).toBeVisible()
}

export async function expectScenarioWorks(page: Page, id: string) {
  if (scenarioById(id)!.flow === "device")
    await expect(page.getByLabel("User code")).toHaveText(/^\s*[A-Z0-9]{8}\s*$/)
  else await expect(page.getByRole("heading", { name: "Token inspector" })).toBeVisible()
  if (scenarioById(id)!.apiCall) {
    await expect(page.locator("#api")).toContainText("HTTP 200")
    await expect(page.locator("#api").getByRole("alert")).toHaveCount(0)
  }
}

/** One scenario end to end: break, run, Salesforce's error; fix, run, success. */
export async function breakSeeFixWork(page: Page, id: string) {
  await pressScenario(page, id, "break")
  await runFlow(page, id)
  await expectScenarioError(page, id)
  await page.context().clearCookies({ domain: "127.0.0.1" })
  await pressScenario(page, id, "fix")
  await runFlow(page, id)
  await expectScenarioWorks(page, id)
}
