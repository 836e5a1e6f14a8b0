import { DEFAULT_APP_SECRET_SETTINGS } from "@/lib/emulator/store/app-settings"
import { describe, expect, it } from "vitest"
import { consentPage } from "@/lib/emulator/pages/consent-page"
import { authorizeErrorPage, messagePage } from "@/lib/emulator/pages/error-page"
import { homePage } from "@/lib/emulator/pages/home-page"
import { html, joinHtml } from "@/lib/emulator/pages/html"
import { page } from "@/lib/emulator/pages/layout"
import { loginPage } from "@/lib/emulator/pages/login-page"
import { settingsPage } from "@/lib/emulator/pages/settings-page"
import { DEMO_USERS } from "@/lib/emulator/seed/records"
import { DEFAULT_SETTINGS } from "@/lib/emulator/store/settings"

// What an attacker puts in a login_hint, a username, an app name, an error description or a state:
// it closes an attribute (either quote) and opens a script or an event handler.
const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>' onmouseover='alert(3)`
const ESCAPED =
  "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#39; onmouseover=&#39;alert(3)"
const admin = DEMO_USERS.find((u) => u.isAdmin)!

/** Every page, with every value it shows that a request or a user controls set to `v`. */
const PAGES: Record<string, (v: string) => Response> = {
  login: (v) =>
    loginPage({ basePath: "/emulator", startUrl: v, csrf: v, username: v, error: v, status: 401 }),
  consent: (v) =>
    consentPage({
      basePath: "/emulator",
      appName: v,
      username: v,
      scopes: ["api", v],
      requestId: v,
      csrf: v,
    }),
  "authorize error": (v) => authorizeErrorPage("/emulator", v, v),
  message: (v) => messagePage("/emulator", v, v, 400),
  home: (v) =>
    homePage({ basePath: "/emulator", user: { ...admin, Username: v, Name: v }, csrf: v }),
  settings: (v) =>
    settingsPage({
      basePath: "/emulator",
      csrf: v,
      settings: DEFAULT_SETTINGS,
      app: {
        clientId: v,
        clientSecret: "unused",
        name: v,
        callbackUrls: [v, v],
        certificatePem: "",
      },
      appSecrets: DEFAULT_APP_SECRET_SETTINGS,
      clientCredentials: { enabled: true, runAsUserId: v },
      preauthorized: new Set(),
      approvals: [
        {
          id: v,
          userId: v,
          clientId: v,
          scopes: ["api", v],
          createdAt: 0,
          username: v,
          activeGrants: 1,
        },
      ],
      locked: [{ userId: v, username: v, lockedAt: 0, until: Infinity }],
      rateLimitsOff: true,
      message: v,
    }),
}

/** Characters that open or close markup: a value that adds any has changed the page's structure. */
const delimiters = (text: string) => ({
  "<": text.split("<").length,
  ">": text.split(">").length,
  '"': text.split('"').length,
  "'": text.split("'").length,
})

describe("S-95 the org's pages escape every value they show", () => {
  for (const [name, render] of Object.entries(PAGES)) {
    it(`S-95 ${name} page: hostile values come out as text, adding no tag, attribute or script`, async () => {
      const hostile = await render(HOSTILE).text()
      const benign = await render("x").text()
      expect(hostile).toContain(ESCAPED)
      expect(hostile).not.toContain(HOSTILE)
      expect(hostile).not.toMatch(/<script|<img/i)
      expect(delimiters(hostile)).toEqual(delimiters(benign))
    })
  }

  it("S-95 login page: the hostile login hint stays inside the username field's value", async () => {
    const text = await loginPage({
      basePath: "/emulator",
      startUrl: "/emulator/home",
      csrf: "t",
      username: HOSTILE,
    }).text()
    expect(text).toContain(
      `<input id="username" name="username" type="text" autocomplete="username" value="${ESCAPED}" required>`,
    )
  })
})

describe("the html template tag", () => {
  it("escapes interpolated text for element content and quoted attributes", () => {
    expect(html`<p title="${`a"b'c`}">${"<b>&</b>"}</p>`.toString()).toBe(
      '<p title="a&quot;b&#39;c">&lt;b&gt;&amp;&lt;/b&gt;</p>',
    )
  })

  it("nests markup made by html, lists and numbers, and renders false, null and undefined as nothing", () => {
    const items = ["<1>", "2"].map((s) => html`<li>${s}</li>`)
    expect(html`<ul>${items}</ul>${false}${null}${undefined}${42}`.toString()).toBe(
      "<ul><li>&lt;1&gt;</li><li>2</li></ul>42",
    )
    expect(joinHtml([html`<i>a</i>`, "<b>"], ", ").toString()).toBe("<i>a</i>, &lt;b&gt;")
  })

  it("refuses an interpolated attribute value without quotes, which escaping cannot protect", () => {
    expect(() => html`<input value=${"x onfocus=alert(1)"}>`).toThrow(/quote/)
  })

  it("lets only markup made by html be a page's body: a string is a type error", () => {
    const forged = () =>
      // @ts-expect-error: a string is not SafeHtml, so unescaped markup cannot reach a page.
      page({ basePath: "/emulator", title: "t", body: "<script>alert(1)</script>" })
    const lookalike = () =>
      // @ts-expect-error: nor is an object that merely looks like it.
      page({ basePath: "/emulator", title: "t", body: { toString: () => "<script>" } })
    expect(forged).toBeTypeOf("function")
    expect(lookalike).toBeTypeOf("function")
  })
})
