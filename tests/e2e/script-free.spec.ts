import { expect, test, type Request } from "@playwright/test"
import { SCRIPT_FREE_PAGES } from "./_helpers/script-free"
import { resetOrg } from "./_helpers/org"

// scripts/script-free.mjs: the pages that work without JavaScript are sent without Next.js's
// runtime (bench/lighthouse-mobile.md says what it cost them). The flows' browser tests start from
// these pages, so their forms and links are exercised there; here, that no script is left.

test("the pages that render no client component load no script: no element, no request", async ({
  page,
}) => {
  for (const path of SCRIPT_FREE_PAGES) {
    const scripts: string[] = []
    const onRequest = (r: Request) => {
      if (r.resourceType() === "script") scripts.push(r.url())
    }
    page.on("request", onRequest)
    await page.goto(path)
    await page.waitForLoadState("load")
    page.off("request", onRequest)
    expect(await page.locator("script").count(), path).toBe(0)
    expect(scripts, path).toEqual([])
    // The page itself is all there: its heading, and the site's navigation.
    await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible()
    await expect(page.getByRole("navigation", { name: "Site" }), path).toBeVisible()
  }
})

test("the Device flow page is plain HTML until a code waits; the waiting page runs its poller", async ({
  page,
}) => {
  await resetOrg(page)
  await page.goto("/flows/device")
  expect(await page.locator("script").count()).toBe(0)
  const poll = page.waitForRequest(
    (r) => r.method() === "POST" && new URL(r.url()).pathname === "/flows/device/poll",
    { timeout: 20_000 },
  )
  await page.getByRole("button", { name: "Start" }).click()
  await expect(page.getByLabel("User code")).toBeVisible()
  expect(await page.locator("script[src]").count()).toBeGreaterThan(0)
  // The poll request comes from the page's script, not from a reload.
  await poll
})
