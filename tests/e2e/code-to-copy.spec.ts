import { expect, test } from "@playwright/test"
import { expectNoAxeViolations } from "./_helpers/a11y"
import { ORG } from "./_helpers/org"

/**
 * Each flow page's "Code to copy": the two programs (fetch, jsforce) behind <details>, opened the way
 * a person does, with the settings naming this org, and no WCAG 2.1 A/AA violation once open.
 */
const PAGES = [
  { path: "/flows/web-server", h1: "Web Server flow", shows: "code_challenge_method" },
  { path: "/flows/user-agent", h1: "User-Agent flow", shows: "CALLBACK_PAGE" },
  {
    path: "/flows/jwt-bearer",
    h1: "JWT Bearer flow",
    shows: "urn:ietf:params:oauth:grant-type:jwt-bearer",
  },
]

for (const p of PAGES) {
  test(`${p.path} shows its code to copy, with fetch and with jsforce`, async ({ page }) => {
    await page.goto(p.path)
    const section = page.getByRole("region", { name: "Code to copy" })
    await expect(section.getByText("SF_LOGIN_URL", { exact: true })).toBeVisible()
    await expect(section.getByText(ORG, { exact: true }).first()).toBeVisible()
    for (const name of ["fetch", "jsforce"]) {
      const code = section.getByRole("region", { name, exact: true })
      await expect(code).toBeHidden()
      await section
        .locator("summary")
        .filter({ hasText: new RegExp(`^${name}$`) })
        .click()
      await expect(code).toBeVisible()
      await expect(code).toContainText(p.shows)
      await expect(code).toContainText("process.env.SF_CLIENT_ID")
    }
    await expect(section.getByRole("region", { name: "jsforce" })).toContainText(
      'import jsforce from "jsforce"',
    )
    await expectNoAxeViolations(page, p.h1)
  })
}

test("the code to copy, below the first screen, is rendered only when it comes near the viewport", async ({
  page,
}) => {
  await page.setViewportSize({ width: 412, height: 823 })
  await page.goto("/flows/jwt-bearer")
  const section = page.getByRole("region", { name: "Code to copy" })
  // content-visibility: auto (app/globals.css, defer-render): skipped while far off-screen…
  // (the section itself is laid out as a placeholder; what it skips is what is inside it)
  const rendered = () =>
    section.evaluate((el) =>
      el.querySelector("p")!.checkVisibility({ contentVisibilityAuto: true }),
    )
  expect(await rendered()).toBe(false)
  // …yet in the page for assistive technology and find-in-page all along.
  await expect(section.getByText("SF_LOGIN_URL", { exact: true })).toHaveCount(1)
  await section.scrollIntoViewIfNeeded()
  await expect.poll(rendered).toBe(true)
})
