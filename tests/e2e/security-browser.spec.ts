// Over 200 lines: the security cases that need a real browser, one spec sharing sign-in helpers.
import { expect, test, type Page } from "@playwright/test"
import { sessionUser } from "./_helpers/flows"
import { logIn, resetOrg } from "./_helpers/org"

/**
 * The cases that need a real browser or next-auth's own routes in the running site
 * (docs/security.md, C-15–C-30, C-56–C-65, C-70–C-73). The rest of the catalogue runs in vitest
 * (tests/unit/flows, tests/unit/app and their neighbours), against the same code without a build.
 */
async function signInJwt(page: Page) {
  await page.goto("/flows/jwt-bearer")
  await page.getByLabel("Username").selectOption("admin@example.com")
  await page.getByRole("button", { name: "Start" }).click()
  await expect(page.getByRole("heading", { name: "Token inspector" })).toBeVisible()
}

test("C-20 C-22 the User-Agent token is read from the fragment once, posted in a body, and never in a URL, history or storage afterwards", async ({
  page,
}) => {
  const navigations: string[] = []
  const requests: { url: string; method: string; body: string }[] = []
  await resetOrg(page)
  page.on("framenavigated", (f) => navigations.push(f.url()))
  page.on("request", (r) =>
    requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? "" }),
  )
  await page.goto("/flows/user-agent")
  await page.getByRole("button", { name: "Start" }).click()
  await logIn(page, "demo@example.com", "demo1234")
  await page.getByRole("button", { name: "Allow" }).click()
  await expect(page.getByRole("heading", { name: "Token inspector" })).toBeVisible()

  const landing = navigations.find((u) => u.includes("#access_token="))!
  const token = new URLSearchParams(new URL(landing).hash.slice(1)).get("access_token")!
  expect(token).toMatch(/^00D/)
  // The part after "!" is the secret, and reads the same raw or percent-encoded (the "!" may be %21).
  const secret = token.split("!")[1]!
  expect(secret.length).toBeGreaterThan(40)
  const holds = (s: string) => s.includes(secret)
  // The one navigation Salesforce makes with the fragment is the only URL that ever held it.
  expect([...new Set(navigations.filter(holds))]).toEqual([landing])
  for (const r of requests)
    expect(holds(new URL(r.url).pathname + new URL(r.url).search), r.url).toBe(false)
  const handOff = requests.find((r) => r.url.endsWith("/flows/user-agent/complete"))!
  expect(handOff.method).toBe("POST")
  expect(handOff.body).toContain(token)
  expect(holds(page.url())).toBe(false)
  expect(
    holds(
      await page.evaluate(
        () =>
          JSON.stringify({ ...localStorage }) +
          JSON.stringify({ ...sessionStorage }) +
          document.cookie,
      ),
    ),
  ).toBe(false)
  // Going back lands on the callback page, whose script may move on again at once; read the page
  // once it has settled (page.content() throws while a navigation is under way).
  await page.goBack()
  await page.waitForLoadState("load")
  await expect
    .poll(async () =>
      page.content().then(
        (html) => holds(page.url()) || holds(html),
        () => undefined,
      ),
    )
    .toBe(false)
})

test("C-19 the User-Agent callback page goes only where the site says, whatever the fragment or query hold", async ({
  page,
  baseURL,
}) => {
  const offSite: string[] = []
  await page.route(
    (u) => !u.href.startsWith(baseURL!),
    async (r) => {
      offSite.push(r.request().url())
      await r.abort()
    },
  )
  await page.goto(
    "/flows/user-agent/callback?next=https%3A%2F%2Fevil.test&returnTo=%2F%2Fevil.test#access_token=x&redirect=https%3A%2F%2Fevil.test&state=forged",
  )
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sign-in failed")
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin)
  expect(offSite).toEqual([])
})

test("C-12 C-16 C-72 next-auth's sign-out redirects on the site despite a tampered callback-url cookie, a forwarded host or a CRLF payload", async ({
  page,
  baseURL,
}) => {
  await page.goto("/")
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as {
    csrfToken: string
  }
  await page
    .context()
    .addCookies([{ name: "next-auth.callback-url", value: "https://evil.example/", url: baseURL! }])
  for (const callbackUrl of [
    "https://evil.example",
    "//evil.example",
    "/%0d%0aSet-Cookie:%20x=y",
    "/\r\nSet-Cookie: x=y",
  ]) {
    const res = await page.request.post("/api/auth/signout", {
      form: { csrfToken, callbackUrl },
      headers: {
        origin: new URL(baseURL!).origin,
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
      },
      maxRedirects: 0,
    })
    expect(res.status()).toBeLessThan(500)
    const location = res.headers()["location"] ?? ""
    expect(new URL(location || "/", baseURL).origin).toBe(new URL(baseURL!).origin)
    expect(
      res
        .headersArray()
        .filter((h) => h.name.toLowerCase() === "set-cookie" && /^x=/.test(h.value)),
    ).toEqual([])
  }
})

test("C-16 C-17 a malformed callbackUrl in the query or the callback-url cookie gets an answer from next-auth's routes, not a 500 or a hang", async ({
  request,
  page,
  baseURL,
}) => {
  for (const route of [
    "/api/auth/signin",
    "/api/auth/signout",
    "/api/auth/session",
    "/api/auth/csrf",
    "/api/auth/providers",
  ]) {
    for (const cb of ["http://[", "%", "http://a:b:c", "http://xn--a.xn--", "%E0%A4%A"]) {
      const started = Date.now()
      const res = await request.get(`${route}?callbackUrl=${cb}`, {
        maxRedirects: 0,
        timeout: 5000,
      })
      expect(res.status(), `${route} ${cb}`).toBeLessThan(500)
      expect(Date.now() - started).toBeLessThan(3000)
    }
  }
  await page
    .context()
    .addCookies([{ name: "next-auth.callback-url", value: "http%3A%2F%2F%5B", url: baseURL! }])
  const res = await page.request.get("/api/auth/session")
  expect(res.status()).toBe(400)
  expect(res.headers()["set-cookie"]).toMatch(/^next-auth\.callback-url=;.*Max-Age=0/)
})

test("C-59 C-62 next-auth's sign-out without a CSRF token, or with another browser's, leaves the session", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInJwt(page)
  const origin = new URL(baseURL!).origin
  await page.request.post("/api/auth/signout", {
    form: { callbackUrl: "/" },
    headers: { origin },
    maxRedirects: 0,
  })
  expect(await sessionUser(page)).toBe("admin@example.com")
  const other = await browser.newContext()
  const { csrfToken } = (await (await other.request.get(`${baseURL}/api/auth/csrf`)).json()) as {
    csrfToken: string
  }
  await other.close()
  await page.request.post("/api/auth/signout", {
    form: { csrfToken, callbackUrl: "/" },
    headers: { origin },
    maxRedirects: 0,
  })
  expect(await sessionUser(page)).toBe("admin@example.com")
})

test("C-64 C-65 x-middleware-subrequest and malformed Authorization headers neither open the inspector nor cause a 500", async ({
  page,
  request,
}) => {
  const bypass = {
    "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
  }
  await page.setExtraHTTPHeaders(bypass)
  await page.goto("/inspector")
  await expect(page.getByText(/nobody is signed in|not signed in/i).first()).toBeVisible()
  await expect(page.locator("#summary")).toHaveCount(0)
  const reveal = await request.post("/inspector/reveal", {
    headers: { ...bypass, "sec-fetch-site": "same-origin" },
    data: { field: "access_token" },
  })
  expect(reveal.status()).toBe(404)
  for (const authorization of [
    "Bearer %",
    "Bearer ",
    `Bearer ${"a".repeat(64 * 1024)}`,
    "Basic %%%",
  ]) {
    for (const route of ["/api/auth/session", "/inspector", "/api/auth/csrf"]) {
      const res = await request.get(route, { headers: { authorization } })
      expect(res.status(), `${route} ${authorization.slice(0, 10)}`).toBeLessThan(500)
    }
  }
})

test("C-70 /api/auth/error with a script in error lands on the site's error page with the payload neither run nor echoed", async ({
  page,
}) => {
  let dialog = false
  page.on("dialog", async (d) => {
    dialog = true
    await d.dismiss()
  })
  await page.goto(
    "/api/auth/error?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E",
  )
  expect(await page.content()).not.toContain("<script>alert(1)</script>")
  expect(await page.locator("img[src='x']").count()).toBe(0)
  expect(dialog).toBe(false)
})
