// Over 200 lines: one spec for axe and keyboard checks on every page and state.
import fs from "node:fs"
import path from "node:path"
import { expect, test, type Page } from "@playwright/test"
import { describeFocus, expectNoAxeViolations, expectVisibleFocus, tabTo } from "./_helpers/a11y"
import { expectSignedIn, signInWebServer } from "./_helpers/flows"
import { appCredentials, authorizeUrl, logIn, ORG, resetOrg } from "./_helpers/org"

/** Pages that need nobody signed in, with their h1 (and a text that proves which state they are in). */
const SIGNED_OUT: { path: string; h1: string; shows?: string; name?: string }[] = [
  { path: "/", h1: "Salesforce OAuth Lab", shows: "Nobody is signed in." },
  { path: "/flows/web-server", h1: "Web Server flow" },
  { path: "/flows/user-agent", h1: "User-Agent flow" },
  { path: "/flows/jwt-bearer", h1: "JWT Bearer flow" },
  { path: "/flows/device", h1: "Device flow" },
  { path: "/flows/error", h1: "No failed sign-in to show" },
  { path: "/inspector", h1: "Token inspector", shows: "Nobody is signed in." },
  { path: "/setup", h1: "Setup assistant" },
  { path: "/setup/keys", h1: "Keys and certificates" },
  { path: "/errors", h1: "Salesforce OAuth errors explained" },
  { path: "/errors/invalid-client-id", h1: "Salesforce does not know this consumer key" },
  { path: "/diagnose", h1: "Why won't it authorize?" },
  { path: `${ORG}/login`, h1: "Log in to the embedded org", name: "the org's /login" },
]

for (const p of SIGNED_OUT) {
  // Titles must be the same in every worker: each worker's org has its own port.
  test(`axe: ${p.name ?? p.path} (signed out) has no WCAG 2.1 A/AA violations`, async ({
    page,
  }) => {
    await page.goto(p.path)
    if (p.shows) await expect(page.getByText(p.shows)).toBeVisible()
    await expectNoAxeViolations(page, p.h1)
  })
}

test("axe: the flow error page after a real failed JWT Bearer login, with its transcript step open", async ({
  page,
}) => {
  await resetOrg(page)
  await page.goto("/flows/jwt-bearer")
  await page.getByLabel("Username").selectOption("demo@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await expect(page.getByText("user hasn't approved this consumer").first()).toBeVisible()
  await expectNoAxeViolations(page, "The user hasn't approved this app")
  await page.locator("details summary").first().click()
  await expect(page.getByLabel("curl command").first()).toBeVisible()
  await expectNoAxeViolations(page, "The user hasn't approved this app")
})

test("axe: the inspector after the Web Server flow, as loaded and after Reveal, a transcript step, the decoder, a query and a revocation", async ({
  page,
  baseURL,
}) => {
  await resetOrg(page)
  await signInWebServer(page)
  await expectSignedIn(page, "Dana Demo (demo@example.com)", "Web Server flow")
  await expectNoAxeViolations(page, "Token inspector")

  const response = page.locator("#response")
  await response.getByRole("button", { name: "Reveal" }).first().click()
  await expect(response.getByRole("button", { name: "Hide" })).toBeVisible()
  await page.locator("#transcript summary").first().click()
  await expect(page.locator("#transcript").getByLabel("curl command").first()).toBeVisible()
  const idToken = await revealed(page, baseURL!, "id_token")
  await page.getByLabel("Token", { exact: true }).fill(idToken)
  await page.getByRole("button", { name: "Verify signature" }).click()
  await expect(page.getByText("Signature valid.")).toBeVisible()
  await expectNoAxeViolations(page, "Token inspector")

  await page.getByRole("button", { name: "Run query" }).click()
  await expect(
    page.locator("#api").getByRole("cell", { name: "Edge Communications" }),
  ).toBeVisible()
  await expectNoAxeViolations(page, "Token inspector")

  await page.getByRole("button", { name: "Revoke access token" }).click()
  await page.getByRole("button", { name: "Limits" }).click()
  await expect(
    page.locator("#api").getByRole("alert").getByText("INVALID_SESSION_ID", { exact: true }),
  ).toBeVisible()
  await expectNoAxeViolations(page, "Token inspector")
})

test("axe: the inspector and the chooser after the JWT Bearer flow", async ({ page }) => {
  await page.goto("/flows/jwt-bearer")
  await page.getByLabel("Username").selectOption("admin@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await expectSignedIn(page, "Ada Admin (admin@example.com)", "JWT Bearer flow")
  await expect(page.getByLabel("JWT Bearer assertion payload")).toBeVisible()
  await expectNoAxeViolations(page, "Token inspector")
  await page.goto("/")
  await expect(page.getByText(/Signed in as/)).toBeVisible()
  await expectNoAxeViolations(page, "Salesforce OAuth Lab")
})

test("axe: setup with its check results, and the keys page with a generated pair and a checked certificate", async ({
  page,
}) => {
  await resetOrg(page)
  await page.goto("/setup")
  await page.getByRole("button", { name: "Check my setup" }).click()
  await expect(
    page.getByRole("list", { name: "Check results" }).getByText("pass", { exact: true }),
  ).toHaveCount(3)
  await expectNoAxeViolations(page, "Setup assistant")

  await page.goto("/setup/keys")
  await page.getByRole("button", { name: "Generate", exact: true }).click()
  await expect(page.getByRole("link", { name: "Download server.key" })).toBeVisible()
  await expectNoAxeViolations(page, "Keys and certificates")
  await page
    .getByLabel("Certificate (PEM)", { exact: true })
    .fill(
      fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, "connected-app", "server.crt"), "utf8"),
    )
  await page.getByRole("button", { name: "Check certificate" }).click()
  await expect(page.getByRole("heading", { name: "Result" })).toBeVisible()
  await expectNoAxeViolations(page, "Keys and certificates")
})

test("axe: the embedded org's login (also failed), consent, home, settings (with a notice), error and message pages", async ({
  page,
  request,
}) => {
  await resetOrg(page)
  await page.goto("/flows/web-server")
  await page.getByRole("button", { name: "Start" }).click()
  await logIn(page, "demo@example.com", "wrong-password")
  await expect(page.getByRole("alert")).toContainText("Please check your username and password")
  await expectNoAxeViolations(page, "Log in to the embedded org")
  await logIn(page, "demo@example.com", "demo1234")
  await expect(page.getByRole("button", { name: "Allow" })).toBeVisible()
  await expectNoAxeViolations(page, "Allow Access?")
  await page.getByRole("button", { name: "Allow" }).click()
  await expect(page.getByRole("heading", { name: "Token inspector" })).toBeVisible()

  await page.goto(`${ORG}/`)
  await expectNoAxeViolations(page, "Embedded org home")
  await page.goto(`${ORG}/settings`)
  await expectNoAxeViolations(page, "Insufficient Privileges")

  await page.context().clearCookies()
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  await expect(
    page.getByRole("button", { name: "Revoke approval of demo@example.com" }),
  ).toBeVisible()
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByRole("status")).toContainText("Settings saved.")
  await expectNoAxeViolations(page, "Org settings")

  const { clientId } = await appCredentials(request)
  await page.goto(authorizeUrl(clientId, "https://evil.test/cb"))
  await expect(page.getByText(/error=redirect_uri_mismatch/)).toBeVisible()
  await expectNoAxeViolations(page, "OAuth Error")
})

/** The value Reveal would show: fetched the way the inspector fetches it (same-origin POST). */
async function revealed(page: Page, baseURL: string, field: string): Promise<string> {
  const res = await page.request.post("/inspector/reveal", {
    data: { field },
    headers: { origin: new URL(baseURL).origin },
  })
  expect(res.status()).toBe(200)
  return ((await res.json()) as { value: string }).value
}

test("keyboard only: the Web Server flow from the chooser through the org's login and consent to the inspector", async ({
  page,
}) => {
  await resetOrg(page)
  await page.goto("/")
  // From here on: keys only. No click, no navigation but what the keys cause.
  const link = page.getByRole("link", { name: "Web Server flow" })
  await tabTo(page, link)
  await expectVisibleFocus(link)
  await page.keyboard.press("Enter")
  await expect(page.getByRole("heading", { level: 1, name: "Web Server flow" })).toBeVisible()

  const start = page.getByRole("button", { name: "Start" })
  await tabTo(page, start)
  await expectVisibleFocus(start)
  await page.keyboard.press("Space")

  await expect(page.getByRole("heading", { name: "Log in to the embedded org" })).toBeVisible()
  const username = page.getByLabel("Username")
  await tabTo(page, username)
  await expectVisibleFocus(username)
  await page.keyboard.type("demo@example.com")
  await page.keyboard.press("Tab")
  const password = page.getByLabel("Password")
  await expectVisibleFocus(password)
  await page.keyboard.type("demo1234")
  await page.keyboard.press("Enter")

  await expect(page.getByRole("heading", { name: "Allow Access?" })).toBeVisible()
  const allow = page.getByRole("button", { name: "Allow" })
  const deny = page.getByRole("button", { name: "Deny" })
  await tabTo(page, allow)
  await page.keyboard.press("Shift+Tab")
  await expectVisibleFocus(deny)
  await page.keyboard.press("Tab")
  await expectVisibleFocus(allow)
  await page.keyboard.press("Enter")

  await expectSignedIn(page, "Dana Demo (demo@example.com)", "Web Server flow")
  await expect(page.locator("#verifications").getByText("pass")).toHaveCount(3)
})

test("keyboard only: the inspector's Reveal and Hide, Copy, a transcript step and the decoder", async ({
  page,
  baseURL,
}) => {
  await resetOrg(page)
  await signInWebServer(page)
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"])
  const access = await revealed(page, baseURL!, "access_token")
  const idToken = await revealed(page, baseURL!, "id_token")
  await page.locator("body").focus()

  const accessRow = page.locator("#response dd").first()
  const reveal = accessRow.getByRole("button", { name: "Reveal" })
  await tabTo(page, reveal)
  await expectVisibleFocus(reveal)
  await page.keyboard.press("Enter")
  await expect(accessRow.getByText(access, { exact: true })).toBeVisible()
  const hide = accessRow.getByRole("button", { name: "Hide" })
  await expectVisibleFocus(hide)
  await page.keyboard.press("Space")
  await expect(accessRow.getByText(access, { exact: true })).toHaveCount(0)

  const copy = accessRow.getByRole("button", { name: "Copy" })
  await tabTo(page, copy, { max: 2 })
  await expectVisibleFocus(copy)
  await page.keyboard.press("Enter")
  await expect(accessRow.getByRole("status")).toHaveText("Copied")
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(access)

  const step = page.locator("#transcript details").first()
  const summary = step.locator("summary")
  await tabTo(page, summary)
  await expectVisibleFocus(summary)
  await page.keyboard.press("Enter")
  await expect(step).toHaveAttribute("open", "")
  const curl = step.getByRole("button", { name: "Copy as curl" })
  await tabTo(page, curl, { max: 6 })
  await expectVisibleFocus(curl)

  const token = page.getByLabel("Token", { exact: true })
  await tabTo(page, token)
  await expectVisibleFocus(token)
  await page.keyboard.insertText(idToken)
  await expect(page.getByLabel("Decoded payload")).toContainText('"aud"')
  const verify = page.getByRole("button", { name: "Verify signature" })
  await tabTo(page, verify, { max: 6 })
  await expectVisibleFocus(verify)
  await page.keyboard.press("Enter")
  await expect(page.getByText("Signature valid.")).toBeVisible()
})

test("keyboard: the first Tab on a site page reaches a skip link that moves focus to the main content", async ({
  page,
}) => {
  for (const [where, h1] of [
    ["/", "Salesforce OAuth Lab"],
    ["/flows/web-server", "Web Server flow"],
    ["/errors", "Salesforce OAuth errors explained"],
  ] as const) {
    await page.goto(where)
    await page.keyboard.press("Tab")
    const skip = page.getByRole("link", { name: "Skip to main content" })
    await expectVisibleFocus(skip)
    await expect(skip).toBeInViewport()
    await page.keyboard.press("Enter")
    await expect(page.getByRole("main")).toBeFocused()
    // The next Tab lands inside the main content, past the site header's links.
    await page.keyboard.press("Tab")
    expect(
      await page.evaluate(() => !!document.activeElement?.closest("main")),
      `after the skip link on ${where}: ${await describeFocus(page)}`,
    ).toBe(true)
    await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toContainText(h1)
  }
})

/**
 * Tabs through the whole page and returns what went wrong: controls Tab never reached (a trap, or a
 * control taken out of the order) and stops without a visible focus indicator.
 */
async function tabThroughPage(page: Page): Promise<string[]> {
  const expected = await page.evaluate(() => {
    const all = [
      ...document.querySelectorAll<HTMLElement>(
        "a[href], button, input, select, textarea, summary, [tabindex]",
      ),
    ]
    const radiosSeen = new Set<string>()
    const stops = all.filter((el) => {
      if (
        el.tabIndex < 0 ||
        (el as HTMLButtonElement).disabled ||
        !el.checkVisibility({ visibilityProperty: true })
      )
        return false
      if ((el as HTMLInputElement).type === "hidden") return false
      if (el instanceof HTMLInputElement && el.type === "radio") {
        // A radio group is one Tab stop: its checked radio (Chromium), or its first when none is checked.
        const group = [
          ...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${el.name}"]`),
        ]
        const stop = group.find((r) => r.checked) ?? group[0]
        if (stop !== el || radiosSeen.has(el.name)) return false
        radiosSeen.add(el.name)
      }
      return true
    })
    stops.forEach((el, i) => el.setAttribute("data-tab-stop", String(i)))
    return stops.length
  })
  const reached = new Set<string>()
  const problems: string[] = []
  await page.locator("body").focus()
  for (let i = 0; i < expected + 2; i++) {
    await page.keyboard.press("Tab")
    const at = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el || el === document.body) return undefined
      const cs = getComputedStyle(el)
      const visible =
        el.matches(":focus-visible") &&
        cs.outlineStyle === "solid" &&
        parseFloat(cs.outlineWidth) >= 2
      return {
        stop: el.getAttribute("data-tab-stop"),
        visible,
        what: `<${el.tagName.toLowerCase()}> ${(el.getAttribute("aria-label") ?? el.innerText ?? "").trim().slice(0, 40)}`,
        outline: `${cs.outlineStyle} ${cs.outlineWidth}`,
      }
    })
    if (!at) continue
    if (at.stop) reached.add(at.stop)
    if (!at.visible)
      problems.push(`no visible focus indicator on ${at.what} (outline: ${at.outline})`)
  }
  const missed = await page.evaluate(
    (got) =>
      [...document.querySelectorAll<HTMLElement>("[data-tab-stop]")]
        .filter((el) => !got.includes(el.dataset.tabStop!))
        .map(
          (el) =>
            `<${el.tagName.toLowerCase()}> ${(el.getAttribute("aria-label") ?? el.innerText).trim().slice(0, 40)}`,
        ),
    [...reached],
  )
  for (const m of missed) problems.push(`Tab never reached ${m}`)
  expect(expected, "the page has controls to tab through").toBeGreaterThan(0)
  return [...new Set(problems)]
}

test("keyboard: Tab reaches every control of every page, each with a visible focus indicator, with no trap", async ({
  page,
}) => {
  test.setTimeout(90_000)
  await resetOrg(page)
  const problems: string[] = []
  const check = async (h1: string) => {
    await expect(page.getByRole("heading", { level: 1 })).toContainText(h1)
    for (const p of await tabThroughPage(page))
      problems.push(`${new URL(page.url()).pathname}: ${p}`)
  }
  for (const p of SIGNED_OUT) {
    await page.goto(p.path)
    await check(p.h1)
  }
  await page.goto("/flows/web-server")
  await page.getByRole("button", { name: "Start" }).click()
  await logIn(page, "demo@example.com", "demo1234")
  await check("Allow Access?")
  await page.getByRole("button", { name: "Allow" }).click()
  await check("Token inspector")
  await page.context().clearCookies()
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  await check("Org settings")
  expect(problems, problems.join("\n")).toEqual([])
})
