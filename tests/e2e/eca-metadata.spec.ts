import fs from "node:fs"
import { expect, test } from "@playwright/test"
import { expectNoAxeViolations } from "./_helpers/a11y"
import { logIn, ORG, resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})
test.afterEach(async ({ page }) => {
  await resetOrg(page)
})

test("F-204 ECA metadata: pick flows on /setup, download the zip, import it on the org's settings page, see what applied", async ({
  page,
}) => {
  await page.goto("/setup")
  const section = page.locator("section#eca")
  await expect(section.getByRole("heading", { name: "External Client App metadata" })).toBeVisible()
  await expect(section.getByText(/Username-Password is not offered/)).toBeVisible()
  await expect(
    section.getByText(/sf project deploy start --manifest package.xml --target-org/),
  ).toBeVisible()
  await expect(
    page.getByRole("heading", { name: "Moving from a Connected App to an External Client App" }),
  ).toBeVisible()
  await expectNoAxeViolations(page, "Setup assistant")

  await section.getByLabel("Device").check()
  await section.getByLabel("User-Agent").uncheck()
  await section.getByLabel(/Contact email/).fill("dev@example.com")
  await section.getByLabel("Client Credentials Run-As username").fill("admin@example.com")
  await section.getByLabel("IP relaxation").selectOption("Bypass")
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("button", { name: "Download the zip" }).click(),
  ])
  expect(download.suggestedFilename()).toBe("salesforce-oauth-lab-eca.zip")
  const zipPath = await download.path()
  const bytes = fs.readFileSync(zipPath)
  expect(bytes.subarray(0, 2).toString()).toBe("PK")

  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  await page.getByLabel("Zip file (at most 256 KB)").setInputFiles(zipPath)
  await page.getByRole("button", { name: "Import" }).click()
  await expect(page.getByRole("heading", { name: "External Client App imported" })).toBeVisible()
  await expect(page.getByRole("status")).toContainText("Imported Salesforce_OAuth_Lab from 4")
  await expect(page.getByText("Require PKCE: on")).toBeVisible()
  await expect(page.getByText("Enable for Device Flow: on")).toBeVisible()
  await expect(
    page.getByText(/Client Credentials Flow: on, Run As admin@example.com/),
  ).toBeVisible()
  await expect(page.getByText("IP relaxation: Bypass")).toBeVisible()
  await expectNoAxeViolations(page, "External Client App imported")

  await page.getByRole("link", { name: "Back to the org settings" }).click()
  await expect(
    page.getByLabel(
      "Require Proof Key for Code Exchange (PKCE) extension for supported authorization flows",
    ),
  ).toBeChecked()
  await expect(page.getByLabel("Enable Client Credentials Flow")).toBeChecked()
})

test("S-263 the org's import answers a file that is not a zip with a page saying why", async ({
  page,
}) => {
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  await page.getByLabel("Zip file (at most 256 KB)").setInputFiles({
    name: "not-a.zip",
    mimeType: "application/zip",
    buffer: Buffer.from("hello"),
  })
  await page.getByRole("button", { name: "Import" }).click()
  await expect(page.getByRole("heading", { name: "Import refused" })).toBeVisible()
  await expect(page.getByText(/This is not a zip file. Nothing was changed./)).toBeVisible()
  await expectNoAxeViolations(page, "Import refused")
})
