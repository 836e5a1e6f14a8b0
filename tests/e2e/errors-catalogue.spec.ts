import { expect, test } from "@playwright/test"
import { CATALOGUE } from "@/lib/explain/catalogue"

test("the /errors index links every catalogue entry to its own page, and keeps an anchor for each", async ({
  page,
}) => {
  await page.goto("/errors")
  const main = page.getByRole("main")
  for (const e of CATALOGUE) {
    const item = main.locator(`li[id="${e.id}"]`)
    await expect(item.getByRole("link", { name: e.title, exact: true })).toHaveAttribute(
      "href",
      `/errors/${e.id}`,
    )
    await expect(item).toContainText(e.error)
  }
  // A link written as /errors#<id> still lands on its entry, which leads to the entry's page.
  await page.goto("/errors#invalid-client-id")
  const item = page.locator("li#invalid-client-id")
  await expect(item).toBeInViewport()
  await item.getByRole("link", { name: "Salesforce does not know this consumer key" }).click()
  await expect(page).toHaveURL(/\/errors\/invalid-client-id$/)
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Salesforce does not know this consumer key",
  )
})

test("an entry page shows the exact wire strings, the meaning, the causes and the fix", async ({
  page,
}) => {
  const e = CATALOGUE.find((x) => x.id === "user-hasnt-approved-this-consumer")!
  await page.goto(`/errors/${e.id}`)
  await expect(page).toHaveTitle(`${e.title} | Salesforce OAuth Lab`)
  const article = page.locator("main article")
  await expect(article.getByRole("heading", { level: 1 })).toHaveText(e.title)
  await expect(article.locator("code").first()).toHaveText(e.error)
  await expect(article.getByText(e.meaning)).toBeVisible()
  await expect(article.getByRole("heading", { name: "Usual causes" })).toBeVisible()
  for (const c of e.causes) await expect(article.getByText(c, { exact: true })).toBeVisible()
  for (const f of e.fix) await expect(article.getByText(f, { exact: true })).toBeVisible()
  await article.getByRole("link", { name: "All errors" }).click()
  await expect(page).toHaveURL(new RegExp(`/errors#${e.id}$`))
  await expect(page.locator(`li#${e.id}`)).toBeInViewport()
})

test("an id the catalogue does not have answers 404 with the site's not-found page", async ({
  page,
}) => {
  for (const path of [
    "/errors/no-such-entry",
    "/errors/constructor",
    "/errors/%3Cscript%3E",
    "/no-such-page",
  ]) {
    const res = await page.goto(path)
    expect(res?.status(), path).toBe(404)
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found")
    await expect(page).toHaveTitle("Page not found | Salesforce OAuth Lab")
    // Nothing of the id comes back as markup.
    expect(await page.content()).not.toContain("<script>")
    await page.getByRole("link", { name: "All Salesforce OAuth errors explained" }).click()
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Salesforce OAuth errors explained",
    )
  }
})
