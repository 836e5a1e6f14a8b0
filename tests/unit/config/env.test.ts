import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { describe, expect, it } from "vitest"
import { parseConfig } from "@/lib/config/env"
import { ConfigError } from "@/lib/config/errors"
import { loginUrlProblem } from "@/lib/config/login-url"
import { fakePkcs8 } from "../../_helpers/pem"

const KEY = fakePkcs8("MIIE", "\\n")

function problems(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env)
  } catch (e) {
    if (e instanceof ConfigError) return e.problems
    throw e
  }
  return []
}

describe("site configuration", () => {
  it("takes SALESFORCE_LAB_TOKEN_MARK only as letters and digits, reporting a bad one without echoing it", () => {
    expect(parseConfig({ SALESFORCE_LAB_TOKEN_MARK: "LeakCanary42" }).tokenMark).toBe(
      "LeakCanary42",
    )
    expect(parseConfig({}).tokenMark).toBeUndefined()
    const bad = problems({ SALESFORCE_LAB_TOKEN_MARK: "has spaces!" })
    expect(bad).toEqual([
      expect.stringMatching(/SALESFORCE_LAB_TOKEN_MARK must be 8 to 40 letters and digits/),
    ])
    expect(bad.join()).not.toContain("has spaces!")
  })

  it("runs the embedded org at the root of two loopback origins of its own when SALESFORCE_LOGIN_URL is unset", () => {
    const c = parseConfig({ NEXTAUTH_URL: "http://localhost:3100/" })
    expect(c).toMatchObject({
      mode: "emulator",
      siteUrl: "http://localhost:3100",
      loginUrl: "http://127.0.0.1:3101",
      org: {
        myDomainUrl: "http://127.0.0.1:3101",
        loginHostUrl: "http://127.0.0.1:3102",
        port: 3101,
        loginHostPort: 3102,
      },
    })
    expect(c.app).toBeUndefined()
    expect(parseConfig({})).toMatchObject({
      siteUrl: "http://localhost:3000",
      loginUrl: "http://127.0.0.1:3001",
    })
    expect(parseConfig({ SALESFORCE_LAB_ORG_PORT: "4000" }).org?.loginHostUrl).toBe(
      "http://127.0.0.1:4001",
    )
    expect(
      parseConfig({
        SALESFORCE_LOGIN_URL: "https://login.salesforce.com",
        SALESFORCE_CLIENT_ID: "x",
        SALESFORCE_CLIENT_SECRET: "y",
        SALESFORCE_PRIVATE_KEY: KEY,
      }).org,
    ).toBeUndefined()
  })

  it("refuses an org port that is no port", () => {
    expect(problems({ SALESFORCE_LAB_ORG_PORT: "65535" })).toEqual([
      "SALESFORCE_LAB_ORG_PORT must be a port number from 1 to 65534 (the org's login host takes the next port)",
    ])
    expect(problems({ SALESFORCE_LAB_ORG_PORT: "web" })).toHaveLength(1)
  })

  it("reports every problem at once, naming variables and never their values", () => {
    const p = problems({
      SALESFORCE_LOGIN_URL: "http://login.salesforce.com",
      SALESFORCE_CLIENT_SECRET: "s3cr3t-value",
      NEXTAUTH_URL: "ftp://x",
    })
    expect(p).toHaveLength(3)
    expect(p[0]).toMatch(/^NEXTAUTH_URL /)
    expect(p[1]).toMatch(/^SALESFORCE_LOGIN_URL must use https/)
    expect(p[2]).toBe(
      "a real org (SALESFORCE_LOGIN_URL is set) needs SALESFORCE_CLIENT_ID, SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE",
    )
    expect(p.join(" ")).not.toContain("s3cr3t-value")
  })

  it("takes a real org's credentials, with the key inline (\\n escaped) or from a file", () => {
    const inline = parseConfig({
      SALESFORCE_LOGIN_URL: "https://acme.my.salesforce.com",
      SALESFORCE_CLIENT_ID: "id",
      SALESFORCE_CLIENT_SECRET: "s",
      SALESFORCE_PRIVATE_KEY: KEY,
    })
    expect(inline).toMatchObject({ mode: "real", loginUrl: "https://acme.my.salesforce.com" })
    expect(inline.app?.privateKeyPem).toBe(`${fakePkcs8("MIIE")}\n`)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cfg-")), "server.key")
    fs.writeFileSync(file, KEY.replace(/\\n/g, "\n"))
    expect(
      parseConfig({
        SALESFORCE_LOGIN_URL: "https://login.salesforce.com",
        SALESFORCE_CLIENT_ID: "id",
        SALESFORCE_CLIENT_SECRET: "s",
        SALESFORCE_PRIVATE_KEY_FILE: file,
      }).app?.clientId,
    ).toBe("id")
    expect(
      problems({
        SALESFORCE_LOGIN_URL: "https://login.salesforce.com",
        SALESFORCE_CLIENT_ID: "id",
        SALESFORCE_CLIENT_SECRET: "s",
        SALESFORCE_PRIVATE_KEY_FILE: "/nope/key",
      }),
    ).toEqual(["SALESFORCE_PRIVATE_KEY_FILE cannot be read (/nope/key)"])
  })

  it("in emulator mode asks for all three app credentials or none", () => {
    expect(problems({ SALESFORCE_CLIENT_ID: "id" })).toEqual([
      "to register your own app in the embedded org set all of SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET and a private key; missing: SALESFORCE_CLIENT_SECRET, SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE",
    ])
    expect(
      parseConfig({
        SALESFORCE_CLIENT_ID: "id",
        SALESFORCE_CLIENT_SECRET: "s",
        SALESFORCE_PRIVATE_KEY: KEY,
      }).app?.clientId,
    ).toBe("id")
  })

  it("accepts https login URLs and plain http only on loopback hosts", () => {
    expect(loginUrlProblem("https://login.salesforce.com")).toBeUndefined()
    expect(loginUrlProblem("http://localhost:4000")).toBeUndefined()
    expect(loginUrlProblem("http://127.0.0.1:4000")).toBeUndefined()
    expect(loginUrlProblem("http://[::1]:4000")).toBeUndefined()
    // *.localhost goes to DNS from Node, which may answer with any host: a secret would travel in clear.
    expect(loginUrlProblem("http://org.localhost:4000")).toMatch(/must use https/)
    expect(loginUrlProblem("http://10.0.0.5")).toMatch(/must use https/)
    expect(loginUrlProblem("http://localhost.evil.com")).toMatch(/must use https/)
    expect(loginUrlProblem("https://user:pw@login.salesforce.com")).toBe(
      "must not contain credentials",
    )
    expect(loginUrlProblem("not a url")).toMatch(/is not a URL/)
  })
})
