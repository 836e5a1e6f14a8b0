import { expect, test } from "@playwright/test"
import { expectNoAxeViolations } from "./_helpers/a11y"

/** /diagnose *Paste what you got* in a browser, and its accessibility (docs/security.md, S-250). */
test("the Diagnose link opens the page; a pasted error page's text is explained with the catalogue entry", async ({
  page,
}) => {
  await page.goto("/")
  await page
    .getByRole("navigation", { name: "Site" })
    .getByRole("link", { name: "Diagnose" })
    .click()
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Why won't it authorize?")
  await expectNoAxeViolations(page, "Why won't it authorize?")
  await page
    .getByLabel(/The error URL/)
    .fill(
      "OAuth Error\nWe can't authorize you because of an OAuth error.\nOAUTH_APPROVAL_ERROR_GENERIC: An unexpected error has occurred during authentication. Please try again.",
    )
  await page.getByRole("button", { name: "Diagnose" }).click()
  const answer = page.locator("#answer")
  await expect(answer.getByRole("heading", { level: 2 })).toHaveText(/likely cause/)
  await expect(answer).toContainText("Setup → Connected Apps OAuth Usage")
  await answer.getByRole("link", { name: /The catalogue entry: OAuth Error/ }).click()
  await expect(page).toHaveURL(/\/errors\/oauth-approval-error-generic$/)
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/OAuth Error/)
})

test("S-250 a pasted URL with script in it comes back as text; the answer page passes axe", async ({
  page,
}) => {
  let dialogs = 0
  page.on("dialog", (d) => {
    dialogs++
    void d.dismiss()
  })
  await page.goto("/diagnose")
  await page
    .getByLabel(/The error URL/)
    .fill(
      "http://localhost/cb#error=invalid_scope&error_description=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%3Cscript%3Ealert(2)%3C%2Fscript%3E",
    )
  await page.getByRole("button", { name: "Diagnose" }).click()
  const answer = page.locator("#answer")
  await expect(answer.getByRole("status")).toContainText(
    "<img src=x onerror=alert(1)><script>alert(2)</script>",
  )
  await expect(answer.locator("img, script")).toHaveCount(0)
  await expect(answer.locator('a[href="/errors/invalid-scope"]')).toBeVisible()
  await expectNoAxeViolations(page, "Why won't it authorize?")
  expect(dialogs).toBe(0)
})
