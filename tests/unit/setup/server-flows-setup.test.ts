import { createElement } from "react"
import { renderToStaticMarkup } from "react-dom/server"
import { describe, expect, it } from "vitest"
import { ServerFlowsSetup } from "@/app/setup/server-flows"

const render = (loginUrl: string, embedded = false) =>
  renderToStaticMarkup(createElement(ServerFlowsSetup, { loginUrl, embedded }))

describe("/setup's Client Credentials and Username-Password part", () => {
  it("C-121 says when SALESFORCE_LOGIN_URL is not a My Domain, and not when it is one (a loopback http URL counts)", () => {
    for (const url of ["https://login.salesforce.com", "https://test.salesforce.com"]) {
      const html = render(url)
      expect(html).toContain('role="alert"')
      expect(html).toContain("is not a My Domain host")
      expect(html).toContain("https://MyDomainName.my.salesforce.com")
    }
    for (const url of [
      "https://acme.my.salesforce.com",
      "https://acme--uat.sandbox.my.salesforce.com",
      "http://127.0.0.1:3321",
    ]) {
      const html = render(url)
      expect(html).not.toContain("is not a My Domain host")
      expect(html).toContain("is a My Domain host")
    }
    expect(render("http://127.0.0.1:3001", true)).toContain("answers as its own My Domain")
  })

  it("gives the External Client App and connected app steps: the flow, the Run As user, and where username-password is allowed", () => {
    const html = render("https://acme.my.salesforce.com")
    expect(html).toContain("Enable Client Credentials Flow")
    expect(html).toContain("Run As")
    expect(html).toContain("Allow OAuth Username-Password Flows")
    expect(html).toContain("External Client Apps do not support it")
  })
})
