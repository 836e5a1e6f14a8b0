import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { expect, test } from "@playwright/test"
import type { RunningSite } from "../../scripts/next-server.mjs"
import { nextServer } from "./_helpers/next-server"

// docs/security.md, C-81: with LAB_ACCESS_PASSWORD set, every page and route of the site first asks
// for it. A second server, still on loopback (the gate is on whenever the passphrase is set).

const PASSPHRASE = "operator passphrase 42"
let site: RunningSite

test.beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-gate-"))
  const { startSite } = await nextServer()
  site = await startSite({ dataDir, env: { LAB_ACCESS_PASSWORD: PASSPHRASE } })
})
test.afterAll(async () => {
  await site?.stop()
})

test("C-81 a page goes to the gate; a wrong passphrase is refused; the right one opens the chooser", async ({
  page,
}) => {
  await page.goto(`${site.url}/setup`)
  await expect(page).toHaveURL(/\/lab-access\?next=%2Fsetup$/)
  await page.getByLabel("Lab passphrase").fill("not the passphrase")
  await page.getByRole("button", { name: "Enter the lab" }).click()
  await expect(page.getByText("That is not the lab's passphrase.")).toBeVisible()
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("lab_access")

  await page.getByLabel("Lab passphrase").fill(PASSPHRASE)
  await page.getByRole("button", { name: "Enter the lab" }).click()
  await expect(page).toHaveURL(`${site.url}/setup`)
  const cookie = (await page.context().cookies()).find((c) => c.name === "lab_access")
  expect(cookie?.httpOnly).toBe(true)
  expect(cookie?.sameSite).toBe("Lax")
  expect(cookie?.value).not.toContain(PASSPHRASE)

  await page.goto(`${site.url}/`)
  await expect(page.getByRole("heading", { level: 1, name: "Salesforce OAuth Lab" })).toBeVisible()
})

test("C-81 a direct POST to /inspector/reveal without the gate cookie gets 401; the org's pages stay open", async ({
  request,
}) => {
  const reveal = await request.post(`${site.url}/inspector/reveal`, {
    headers: { origin: site.url },
    form: { field: "access_token" },
    maxRedirects: 0,
  })
  expect(reveal.status()).toBe(401)
  expect(((await reveal.json()) as { error: string }).error).toBe("lab_access_required")

  const session = await request.get(`${site.url}/api/auth/session`, { maxRedirects: 0 })
  expect(session.status()).toBe(401)

  const login = await request.get(`${site.orgUrl}/login`, { maxRedirects: 0 })
  expect(login.status()).toBe(200)
  expect(await login.text()).toContain("Log in")
})
