import fs from "node:fs"
import path from "node:path"
import type { APIRequestContext, Page } from "@playwright/test"
import { expect } from "@playwright/test"
import { ownPair } from "./pairs"

/** This worker's embedded org's My Domain and generic login host: its site's ports + 1 and + 2. */
export const ORG = ownPair().org
export const ORG_LOGIN_HOST = ownPair().orgLoginHost

/** The site's app as the embedded org generated it for this run (test-only, server-side file). */
export async function appCredentials(
  request: APIRequestContext,
): Promise<{ clientId: string; clientSecret: string }> {
  await request.get(`${ORG}/.well-known/openid-configuration`)
  const file = path.join(process.env.E2E_DATA_DIR!, "connected-app", "credentials.json")
  return JSON.parse(fs.readFileSync(file, "utf8")) as { clientId: string; clientSecret: string }
}

export const callback = (baseURL: string, flow: "web-server" | "user-agent") =>
  `${baseURL}/flows/${flow}/callback`

export function authorizeUrl(
  clientId: string,
  redirectUri: string,
  extra: Record<string, string> = {},
) {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: "api refresh_token",
    state: "e2e-state",
    ...extra,
  })
  return `${ORG}/services/oauth2/authorize?${q}`
}

export async function logIn(page: Page, username: string, password: string) {
  await page.getByLabel("Username").fill(username)
  await page.getByLabel("Password").fill(password)
  await page.getByRole("button", { name: "Log In" }).click()
}

/** The org's control secret (lab-control/secret in its data folder), as the site reads it. */
const controlSecret = () =>
  fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, "lab-control", "secret"), "utf8").trim()

/**
 * Puts the org back to its defaults, so tests do not depend on order: what the settings page's
 * *Reset org* does, through the org's control endpoint (`POST /_lab/reset`, F-192), with no page
 * loads. embedded-org.spec.ts presses the button itself.
 */
export async function resetOrg(page: Page) {
  await page.context().clearCookies()
  const res = await page.request.post(`${ORG}/_lab/reset`, {
    headers: { authorization: `Bearer ${controlSecret()}` },
  })
  expect(res.status()).toBe(200)
}
