// Over 200 lines: one spec for the three flows end to end, sharing their helpers.
import { expect, test } from "@playwright/test"
import {
  authorizeRequestOf,
  expectFailure,
  expectSignedIn,
  sessionUser,
  signInWebServer,
  webServerCallbackUrl,
} from "./_helpers/flows"
import { logIn, ORG, resetOrg } from "./_helpers/org"

test.beforeEach(async ({ page }) => {
  await resetOrg(page)
})

test("Web Server flow: from the chooser through login and consent to the inspector", async ({
  page,
}) => {
  await signInWebServer(page)
  await expectSignedIn(page, "Dana Demo (demo@example.com)", "Web Server flow")
  await expect(page.locator("#verifications").getByText("pass")).toHaveCount(3)
  expect(await sessionUser(page)).toBe("demo@example.com")
  const session = await (await page.request.get("/api/auth/session")).text()
  expect(session).not.toMatch(/accessToken|refreshToken|idToken|assertion|00D5g0000LABORG!/)
})

test("User-Agent flow: the fragment is verified on the server and removed from the address bar", async ({
  page,
}) => {
  const urls: string[] = []
  page.on("framenavigated", (f) => urls.push(f.url()))
  await page.goto("/")
  await page.getByRole("link", { name: "User-Agent flow" }).click()
  await page.getByRole("button", { name: "Start" }).click()
  await logIn(page, "demo@example.com", "demo1234")
  await page.getByRole("button", { name: "Allow" }).click()
  await expectSignedIn(page, "Dana Demo (demo@example.com)", "User-Agent flow")
  await expect(page.locator("#verifications").getByText("pass")).toHaveCount(3)
  await expect(page.locator("#verifications").getByText(/active, issued to this app/)).toBeVisible()
  expect(page.url()).not.toContain("#")
  expect(await page.evaluate(() => window.location.hash)).toBe("")
})

test("JWT Bearer flow: a pre-authorized user signs in at once", async ({ page }) => {
  await page.goto("/")
  await page.getByRole("link", { name: "JWT Bearer flow" }).click()
  await expect(page.getByRole("cell", { name: "RS256", exact: true })).toBeVisible()
  await page.getByLabel("Username").selectOption("admin@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await expectSignedIn(page, "Ada Admin (admin@example.com)", "JWT Bearer flow")
})

test("JWT Bearer flow: user hasn't approved this consumer, then works after one approval through the Web Server flow", async ({
  page,
}) => {
  await page.goto("/flows/jwt-bearer")
  await page.getByLabel("Username").selectOption("demo@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await expectFailure(page, "The user hasn't approved this app")
  await expect(page.getByText("user hasn't approved this consumer").first()).toBeVisible()
  // The failed exchange itself is on the page, with Salesforce's answer.
  await expect(page.getByText(/JWT Bearer token request/)).toBeVisible()
  await page
    .getByRole("button", { name: "Approve once as demo@example.com via the Web Server flow" })
    .click()
  await expect(page.getByLabel("Username")).toHaveValue("demo@example.com")
  await page.getByLabel("Password").fill("demo1234")
  await page.getByRole("button", { name: "Log In" }).click()
  await page.getByRole("button", { name: "Allow" }).click()
  await expect(page.getByRole("heading", { name: "Token inspector" })).toBeVisible()

  await page.goto("/flows/jwt-bearer")
  await page.getByLabel("Username").selectOption("demo@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await expectSignedIn(page, "Dana Demo (demo@example.com)", "JWT Bearer flow")
})

test("Sign out revokes the token at the org and ends the session", async ({ page }) => {
  await signInWebServer(page)
  await page.getByRole("button", { name: "Sign out" }).click()
  await expect(page.getByText("Nobody is signed in.")).toBeVisible()
  expect(await sessionUser(page)).toBeUndefined()
  await page.context().clearCookies()
  await page.goto(`${ORG}/settings`)
  await logIn(page, "admin@example.com", "admin1234")
  const row = page.getByRole("row").filter({ hasText: "demo@example.com" })
  await expect(row.getByRole("cell").nth(3)).toHaveText("0")
})

test("C-01 a callback without state fails before any token request", async ({ page }) => {
  const url = new URL(await webServerCallbackUrl(page))
  url.searchParams.delete("state")
  await page.goto(url.toString())
  await expectFailure(page, "The callback had no state")
})

test("C-02 a callback with another state fails", async ({ page }) => {
  const url = new URL(await webServerCallbackUrl(page))
  url.searchParams.set(
    "state",
    url.searchParams.get("state")!.replace(/^./, (c) => (c === "A" ? "B" : "A")),
  )
  await page.goto(url.toString())
  await expectFailure(page, "The callback's state does not match")
})

test("C-03 C-09 a callback whose state/PKCE cookie is gone fails closed", async ({ page }) => {
  const url = await webServerCallbackUrl(page)
  const cookies = await page.context().cookies()
  await page.context().clearCookies()
  await page.context().addCookies(cookies.filter((c) => c.name !== "sfl_web_server"))
  await page.goto(url)
  await expectFailure(page, "This sign-in is not in progress")
})

test("C-04 replaying a completed callback fails and keeps the session's user", async ({ page }) => {
  const url = await webServerCallbackUrl(page)
  await page.goto(url)
  await expect(page.getByRole("heading", { name: "Token inspector" })).toBeVisible()
  await page.goto(url)
  await expectFailure(page, "This sign-in is not in progress")
  expect(await sessionUser(page)).toBe("demo@example.com")
})

test("C-05 C-08 a callback (code) from one browser cannot sign in another", async ({
  page,
  browser,
}) => {
  const mallory = await webServerCallbackUrl(page)
  const victim = await browser.newContext()
  const v = await victim.newPage()
  await v.goto(mallory)
  await expectFailure(v, "This sign-in is not in progress")

  // The victim has its own flow in progress: the stolen code with the victim's own state still fails (PKCE).
  const state = (await authorizeRequestOf(v, "/flows/web-server")).searchParams.get("state")!
  const injected = new URL(mallory)
  injected.searchParams.set("state", state)
  await v.goto(injected.toString())
  // The code is bound to Mallory's code_challenge: the victim's verifier does not match it.
  await expectFailure(v, "PKCE is missing or wrong")
  await expect(v.getByRole("alert").getByText("invalid code verifier")).toBeVisible()
  expect(await sessionUser(v)).toBeUndefined()
  await victim.close()
})

test("C-11 the authorize request carries S256 PKCE and fresh 256-bit state and nonce", async ({
  page,
}) => {
  const a = await authorizeRequestOf(page, "/flows/web-server")
  const b = await authorizeRequestOf(page, "/flows/web-server")
  expect(a.searchParams.get("code_challenge_method")).toBe("S256")
  expect(a.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/)
  expect(a.searchParams.get("state")).toMatch(/^[\w-]{43}$/)
  expect(a.searchParams.get("nonce")).toMatch(/^[\w-]{43}$/)
  expect(a.searchParams.has("code_verifier")).toBe(false)
  for (const p of ["state", "nonce", "code_challenge"])
    expect(a.searchParams.get(p)).not.toBe(b.searchParams.get(p))
})

test("C-15 sign-in and sign-out never redirect off the site, whatever callbackUrl says", async ({
  page,
  baseURL,
}) => {
  for (const path of [
    "/api/auth/signin?callbackUrl=https%3A%2F%2Fevil.test%2F",
    "/api/auth/signout?callbackUrl=%2F%2Fevil.test",
    "/flows/web-server/callback?next=https%3A%2F%2Fevil.test&code=x&state=y",
  ]) {
    await page.goto(path)
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin)
  }
})

test("C-26 a forged User-Agent fragment with a bad signature never becomes a session", async ({
  page,
}) => {
  const state = (await authorizeRequestOf(page, "/flows/user-agent")).searchParams.get("state")!
  const forged = new URLSearchParams({
    access_token: "00D5g0000LABORG!AQforgedtoken",
    instance_url: `${ORG}`,
    id: `${ORG}/id/00D5g0000LABORGUAS/0055g00000ADMN1AAA`,
    issued_at: String(Date.now()),
    signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    scope: "api",
    token_type: "Bearer",
    state,
  })
  await page.goto(`/flows/user-agent/callback#${forged}`)
  await expectFailure(page, "The response's signature is wrong")
  expect(await sessionUser(page)).toBeUndefined()
})

test("C-29 C-70 an error in the callback is shown as text, never as HTML", async ({ page }) => {
  let dialog = false
  page.on("dialog", async (d) => {
    dialog = true
    await d.dismiss()
  })
  const url = new URL(await webServerCallbackUrl(page))
  url.searchParams.delete("code")
  url.searchParams.set("error", "access_denied")
  url.searchParams.set("error_description", "<img src=x onerror=alert(1)><script>alert(2)</script>")
  await page.goto(url.toString())
  await expectFailure(page, "Access was denied")
  await expect(
    page.getByText("<img src=x onerror=alert(1)><script>alert(2)</script>"),
  ).toBeVisible()
  expect(dialog).toBe(false)
  expect(await page.locator("img[src='x']").count()).toBe(0)
})

test("C-21 the User-Agent callback page sends no Referer and loads nothing from other origins", async ({
  page,
  baseURL,
}) => {
  const origins = new Set<string>()
  page.on("request", (r) => origins.add(new URL(r.url()).origin))
  const res = await page.goto("/flows/user-agent/callback")
  expect(res!.headers()["referrer-policy"]).toBe("no-referrer")
  await expect(
    page.getByRole("heading", { name: "Sign-in failed: This sign-in is not in progress" }),
  ).toBeVisible()
  expect([...origins]).toEqual([new URL(baseURL!).origin])
})

test("C-59 a sign-out posted from another origin is refused and the session stays", async ({
  page,
  baseURL,
}) => {
  await signInWebServer(page)
  const res = await page.request.post("/flows/sign-out", {
    headers: { origin: "https://evil.test" },
  })
  expect(res.status()).toBe(403)
  expect(await sessionUser(page)).toBe("demo@example.com")
  const same = await page.request.post("/flows/sign-out", {
    headers: { origin: new URL(baseURL!).origin },
    maxRedirects: 0,
  })
  expect(same.status()).toBe(303)
  expect(await sessionUser(page)).toBeUndefined()
})
