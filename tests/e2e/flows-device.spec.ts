import { expect, test, type Page } from "@playwright/test"
import { expectNoAxeViolations } from "./_helpers/a11y"
import { expectFailure, expectSignedIn } from "./_helpers/flows"
import { logIn, resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

/** Chooser → Device flow → Start: the user code, and the verification page opened in a second page. */
async function startAndOpenVerification(page: Page): Promise<{ code: string; phone: Page }> {
  await page.goto("/")
  await page.getByRole("link", { name: "Device flow", exact: true }).click()
  await page.getByRole("button", { name: "Start" }).click()
  const code = (await page.getByLabel("User code").textContent())?.trim() ?? ""
  expect(code).toMatch(/^[A-Z0-9]{8}$/)
  await expect(page.getByRole("img", { name: "QR code of the verification page" })).toBeVisible()
  const [phone] = await Promise.all([
    page.context().waitForEvent("page"),
    page.getByRole("link", { name: "Open the verification page" }).click(),
  ])
  await phone!.waitForLoadState()
  return { code, phone: phone! }
}

async function answer(phone: Page, code: string, decision: "Allow" | "Deny", scan = false) {
  await logIn(phone, "demo@example.com", "demo1234")
  if (scan) await expectNoAxeViolations(phone, "Connect to Your Device")
  await phone.getByLabel("Code").fill(code)
  await phone.getByRole("button", { name: "Connect" }).click()
  await expect(phone.getByRole("heading", { name: "Allow Access?" })).toBeVisible()
  if (scan) await expectNoAxeViolations(phone, "Allow Access?")
  await phone.getByRole("button", { name: decision }).click()
  await expect(
    phone.getByRole("heading", {
      name: decision === "Allow" ? "You're connected" : "Access denied",
    }),
  ).toBeVisible()
}

test("Device flow: from the chooser, the code entered on a second page, Allow, and the waiting page moves to the inspector", async ({
  page,
}) => {
  const { code, phone } = await startAndOpenVerification(page)
  await expect(page.getByText("Waiting for access to be allowed")).toBeVisible()
  await expectNoAxeViolations(page, "Device flow")
  await answer(phone, code, "Allow", true)
  await expect(page.getByRole("heading", { name: "Token inspector" })).toBeVisible({
    timeout: 20_000,
  })
  await expectSignedIn(page, "Dana Demo (demo@example.com)", "Device flow")
})

test("Device flow: Deny ends on the explained error page", async ({ page }) => {
  const { code, phone } = await startAndOpenVerification(page)
  await answer(phone, code, "Deny")
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "The person denied the device access",
    { timeout: 20_000 },
  )
  await expectFailure(page, "The person denied the device access")
  await expect(page.getByText("end-user denied authorization", { exact: true })).toBeVisible()
})

test("Device flow: a wrong code gets the verification page's answer", async ({ page }) => {
  const { phone } = await startAndOpenVerification(page)
  await logIn(phone, "demo@example.com", "demo1234")
  await phone.getByLabel("Code").fill("BBBBBBBB")
  await phone.getByRole("button", { name: "Connect" }).click()
  await expect(phone.getByRole("alert")).toHaveText(
    "Invalid or expired code. Check the code shown on your device and try again.",
  )
})
