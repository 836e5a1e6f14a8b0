import { describe, expect, it } from "vitest"
import {
  classifyLoginHost,
  isOrgUrl,
  isVerificationUrl,
  jwtAudience,
} from "@/lib/salesforce/login-host"

describe("JWT Bearer audience from the login URL", () => {
  it.each([
    ["https://login.salesforce.com", "production", "https://login.salesforce.com"],
    ["https://acme.my.salesforce.com", "production-my-domain", "https://login.salesforce.com"],
    ["https://test.salesforce.com", "sandbox", "https://test.salesforce.com"],
    [
      "https://acme--uat.sandbox.my.salesforce.com",
      "sandbox-my-domain",
      "https://test.salesforce.com",
    ],
    ["https://acme.my.site.com", "experience-cloud", "https://acme.my.site.com"],
    ["https://acme.force.com", "experience-cloud", "https://acme.force.com"],
    ["http://127.0.0.1:4000", "other", "http://127.0.0.1:4000"],
  ] as const)("%s is %s with aud %s", (url, kind, aud) => {
    expect(classifyLoginHost(url)).toBe(kind)
    expect(jwtAudience(url)).toBe(aud)
  })

  it("uses the embedded org's own login URL, and SALESFORCE_JWT_AUDIENCE overrides everything", () => {
    expect(classifyLoginHost("http://localhost:3000/emulator", { embedded: true })).toBe(
      "embedded-org",
    )
    expect(jwtAudience("http://localhost:3000/emulator/", { embedded: true })).toBe(
      "http://localhost:3000/emulator",
    )
    expect(
      jwtAudience("https://acme.my.salesforce.com", { override: "https://acme.my.salesforce.com" }),
    ).toBe("https://acme.my.salesforce.com")
  })
})

describe("URLs the site may send a token to", () => {
  it("accepts the login host itself and https Salesforce domains for a real org", () => {
    expect(
      isOrgUrl("http://localhost:3000/emulator/id/00D/005", "http://localhost:3000/emulator"),
    ).toBe(true)
    expect(
      isOrgUrl("https://acme.my.salesforce.com/services", "https://login.salesforce.com"),
    ).toBe(true)
    expect(
      isOrgUrl("https://login.salesforce.com/id/00D/005", "https://acme.my.salesforce.com"),
    ).toBe(true)
  })

  it("C-27 refuses other hosts, http, ports, credentials and look-alike domains", () => {
    const login = "https://login.salesforce.com"
    for (const url of [
      "https://evil.test/id/00D/005",
      "http://acme.my.salesforce.com/",
      "https://acme.my.salesforce.com:8443/",
      "https://user:pw@acme.my.salesforce.com/",
      "https://salesforce.com.evil.test/",
      "https://evilsalesforce.com/",
      "http://169.254.169.254/latest/meta-data",
      "not a url",
    ]) {
      expect(isOrgUrl(url, login), url).toBe(false)
    }
    expect(isOrgUrl("https://acme.my.salesforce.com/", "http://localhost:3000/emulator")).toBe(
      false,
    )
    expect(
      isOrgUrl("http://localhost:3001/emulator/id/x/y", "http://localhost:3000/emulator"),
    ).toBe(false)
  })
})

describe("the Device flow's verification page (C-132)", () => {
  it("C-132 is the login URL's origin or a Salesforce login domain, never a site anyone can publish on", () => {
    const login = "https://acme.my.salesforce.com"
    expect(isVerificationUrl("https://acme.my.salesforce.com/setup/connect", login)).toBe(true)
    expect(isVerificationUrl("https://login.salesforce.com/setup/connect", login)).toBe(true)
    // isOrgUrl takes these for API hosts; a person must not type a code on them.
    for (const other of [
      "https://phish-tenant.my.site.com/setup/connect",
      "https://phish.force.com/setup/connect",
      "https://phish.lightning.force.com/setup/connect",
    ]) {
      expect(isOrgUrl(other, login), other).toBe(true)
      expect(isVerificationUrl(other, login), other).toBe(false)
    }
    expect(isVerificationUrl("http://acme.my.salesforce.com/setup/connect", login)).toBe(false)
    expect(isVerificationUrl("https://evil.example/setup/connect", login)).toBe(false)
    // A local org (the embedded one, another emulator) only at its own origin.
    expect(isVerificationUrl("http://127.0.0.1:3001/setup/connect", "http://127.0.0.1:3001")).toBe(
      true,
    )
    expect(isVerificationUrl("http://127.0.0.1:9999/setup/connect", "http://127.0.0.1:3001")).toBe(
      false,
    )
  })
})
