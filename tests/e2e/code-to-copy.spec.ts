import { expect, test } from "@playwright/test"
import { expectNoAxeViolations } from "./_helpers/a11y"
import { ORG } from "./_helpers/org"

/**
 * Each flow page's "Code to copy", one component on all of them: the programs (fetch, and jsforce
 * where it has the grant) behind <details>, opened the way a person does, with settings named SF_*
 * on every page and the login URL naming this org. axe runs on the first page with both open
 * (the markup is the same component's on every page).
 */
const PAGES = [
  { path: "/flows/web-server", h1: "Web Server flow", shows: "code_challenge_method" },
  { path: "/flows/user-agent", h1: "User-Agent flow", shows: "CALLBACK_PAGE" },
  { path: "/flows/jwt-bearer", h1: "JWT Bearer flow", shows: "grant-type:jwt-bearer" },
  { path: "/flows/device", h1: "Device flow", shows: "device_code" },
  { path: "/flows/client-credentials", h1: "Client Credentials flow", shows: "client_credentials" },
  { path: "/flows/username-password", h1: "Username-Password flow", shows: '"password"' },
  { path: "/flows/saml-bearer", h1: "SAML Bearer flow", shows: "grant-type:saml2-bearer" },
  { path: "/flows/token-exchange", h1: "Token Exchange flow", shows: "grant-type:token-exchange" },
  {
    path: "/flows/asset-token",
    h1: "Asset Token flow",
    shows: "actor_token",
    env: "SF_ACCESS_TOKEN",
    only: ["fetch"],
  },
]

test("every flow page shows its code to copy the same way: fetch and jsforce, settings named SF_*", async ({
  page,
}) => {
  for (const [i, p] of PAGES.entries()) {
    await page.goto(p.path)
    await expect(page.getByRole("heading", { level: 1 })).toContainText(p.h1)
    const section = page.getByRole("region", { name: "Code to copy" })
    await expect(section.getByText("SF_LOGIN_URL", { exact: true })).toBeVisible()
    await expect(section.getByText(ORG, { exact: true }).first()).toBeVisible()
    const env = p.env ?? "SF_CLIENT_ID"
    await expect(section.getByText(env, { exact: true })).toBeVisible()
    const names = p.only ?? ["fetch", "jsforce"]
    await expect(section.locator("summary"), p.path).toHaveText(names)
    for (const name of names) {
      const code = section.getByRole("region", { name, exact: true })
      await expect(code).toBeHidden()
      await section
        .locator("summary")
        .filter({ hasText: new RegExp(`^${name}$`) })
        .click()
      await expect(code).toBeVisible()
      await expect(code, `${p.path} ${name}`).toContainText(
        name === "fetch" ? p.shows : 'import jsforce from "jsforce"',
      )
      if (name === "fetch") await expect(code).toContainText(`process.env.${env}`)
    }
    if (i === 0) await expectNoAxeViolations(page, p.h1)
  }
})

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
