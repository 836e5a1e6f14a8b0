import { execFileSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { expect, test, type Page } from "@playwright/test"
import { signInWebServer } from "./_helpers/flows"
import { appCredentials, logIn, ORG, resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

/** What Reveal fetches: the value from the server, by a same-origin POST. */
async function reveal(page: Page, baseURL: string, field: string): Promise<string> {
  const res = await page.request.post("/inspector/reveal", {
    data: { field },
    headers: { origin: new URL(baseURL).origin },
  })
  expect(res.status()).toBe(200)
  return ((await res.json()) as { value: string }).value
}

test("the inspector proves the Web Server flow's response and never puts a token in its HTML", async ({
  page,
  baseURL,
}) => {
  await signInWebServer(page)
  await expect(page.getByText("Dana Demo (demo@example.com)")).toBeVisible()
  const verifications = page.locator("#verifications")
  await expect(verifications.getByText("pass")).toHaveCount(3)
  await expect(page.getByText(/expires in \dh \d\dm/)).toBeVisible()
  await expect(page.getByText("exp from token introspection at sign-in")).toBeVisible()

  const access = await reveal(page, baseURL!, "access_token")
  const refresh = await reveal(page, baseURL!, "refresh_token")
  const idToken = await reveal(page, baseURL!, "id_token")
  const { clientSecret } = await appCredentials(page.request)
  const html = await (await page.request.get("/inspector")).text()
  for (const secret of [access, refresh, idToken, idToken.split(".")[2]!, clientSecret])
    expect(html).not.toContain(secret)

  await page.locator("#response").getByRole("button", { name: "Reveal" }).first().click()
  await expect(page.locator("#response").getByText(access)).toBeVisible()
  expect(
    await page.request
      .post("/inspector/reveal", {
        data: { field: "access_token" },
        headers: { origin: "https://evil.test" },
      })
      .then((r) => r.status()),
  ).toBe(403)
})

test("Refresh changes the access token; with rotation on, the inspector shows old and new refresh tokens", async ({
  page,
  baseURL,
}) => {
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  await page.getByLabel("Enable refresh token rotation").check()
  await page.getByRole("button", { name: "Save" }).click()
  await page.context().clearCookies()

  await signInWebServer(page)
  const before = await reveal(page, baseURL!, "access_token")
  await page.getByRole("button", { name: "Refresh", exact: true }).click()
  await expect(page.getByText(/Refresh token rotated at/)).toBeVisible()
  const after = await reveal(page, baseURL!, "access_token")
  expect(after).not.toBe(before)
  await expect(page.locator("#transcript").getByText("refresh the access token")).toBeVisible()
})

test("C-144 Replay the old refresh token: the org's reuse detection revokes the whole family, and the inspector says so", async ({
  page,
}) => {
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  await page.getByLabel("Enable refresh token rotation").check()
  await page.getByRole("button", { name: "Save" }).click()
  await page.context().clearCookies()

  await signInWebServer(page)
  await expect(page.getByRole("button", { name: "Replay the old refresh token" })).toHaveCount(0)
  await page.getByRole("button", { name: "Refresh", exact: true }).click()
  await expect(page.getByText(/They differ because the org rotates refresh tokens/)).toBeVisible()
  await page.getByRole("button", { name: "Replay the old refresh token" }).click()
  await expect(page.getByText(/Reuse detection revoked the refresh token/)).toBeVisible()
  const transcript = page.locator("#transcript")
  await expect(transcript.getByText(/reuse detected/).first()).toBeVisible()
  // The new refresh token died with the family.
  await page.getByRole("button", { name: "Refresh", exact: true }).click()
  await expect(transcript.getByText(/refresh failed/).first()).toBeVisible()
})

test("Revoke makes the token inactive and API calls fail with INVALID_SESSION_ID, explained", async ({
  page,
}) => {
  await signInWebServer(page)
  await page.getByRole("button", { name: "Run query" }).click()
  const api = page.locator("#api")
  await expect(api.getByRole("cell", { name: "Edge Communications" })).toBeVisible()
  await expect(api.getByText("5 record(s)")).toBeVisible()

  await page.getByRole("button", { name: "Revoke access token" }).click()
  await expect(page.getByText(/You revoked the access token/)).toBeVisible()
  await page.getByRole("button", { name: "Limits" }).click()
  await expect(
    api.getByRole("alert").getByText("INVALID_SESSION_ID", { exact: true }),
  ).toBeVisible()
  await expect(api.getByText(/The access token is no longer valid/)).toBeVisible()
  await page.getByRole("button", { name: "Introspect" }).click()
  await expect(page.locator("#verifications").getByText("fail")).toBeVisible()
})

test("Copy as curl of the introspection, with the placeholders filled, succeeds against the embedded org", async ({
  page,
  baseURL,
}) => {
  await signInWebServer(page)
  const step = page.locator("#transcript details").filter({ hasText: "introspect the token" })
  await step.locator("summary").click()
  const curl = await step.getByLabel("curl command").textContent()
  expect(curl).toContain('"$CLIENT_SECRET"')
  expect(curl).toContain('"$ACCESS_TOKEN"')
  const { clientSecret } = await appCredentials(page.request)
  const out = execFileSync("bash", ["-c", curl!], {
    env: {
      ...process.env,
      CLIENT_SECRET: clientSecret,
      ACCESS_TOKEN: await reveal(page, baseURL!, "access_token"),
    },
  }).toString()
  expect(JSON.parse(out)).toMatchObject({ active: true, username: "demo@example.com" })
})

test("JWT Bearer: the inspector decodes the assertion and verifies it with the app's certificate", async ({
  page,
}) => {
  await page.goto("/flows/jwt-bearer")
  await page.getByLabel("Username").selectOption("admin@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await expect(page.getByRole("heading", { name: "Token inspector" })).toBeVisible()
  await expect(page.getByText(/RS256 signature verifies with the app.s certificate/)).toBeVisible()
  await expect(page.getByLabel("JWT Bearer assertion payload")).toContainText(
    '"sub": "admin@example.com"',
  )
  await expect(page.getByText("not sent (JWT Bearer responses carry none)")).toBeVisible()
})

test("Decode any token works in the browser and verifies an id_token against the org's JWKS", async ({
  page,
  baseURL,
}) => {
  await signInWebServer(page)
  const idToken = await reveal(page, baseURL!, "id_token")
  const requests: string[] = []
  page.on("request", (r) => requests.push(r.url()))
  await page.getByLabel("Token", { exact: true }).fill(idToken)
  await expect(page.getByLabel("Decoded payload")).toContainText('"aud"')
  await page.getByRole("button", { name: "Verify signature" }).click()
  await expect(page.getByText("Signature valid.")).toBeVisible()
  // The browser calls only the site, for the org's keys (the site fetches them from the org);
  // nothing else the page loads carries the token.
  expect(requests.filter((u) => u.includes(`${ORG}/`))).toEqual([])
  expect(requests.filter((u) => u.includes("/inspector/jwks"))).toEqual([
    `${baseURL}/inspector/jwks`,
  ])
  expect(requests.some((u) => u.includes(idToken.slice(0, 20)))).toBe(false)
  if (process.env.UPDATE_SCREENSHOTS) {
    await page.getByLabel("Token", { exact: true }).fill("")
    await page.goto("/inspector")
    await page.setViewportSize({ width: 900, height: 1150 })
    await page.screenshot({ path: path.join("docs", "inspector.png"), type: "png" })
    expect(fs.statSync(path.join("docs", "inspector.png")).size).toBeLessThan(250_000)
  }
})
