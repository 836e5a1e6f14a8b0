import { describe, expect, it } from "vitest"
import { configStatus } from "@/lib/setup/config-status"
import { fakePkcs8 } from "../../_helpers/pem"

const byName = (env: Record<string, string>) =>
  Object.fromEntries(configStatus(env).variables.map((v) => [v.name, v]))

describe("setup configuration status", () => {
  it("in emulator mode, nothing is missing and the org provides the credentials", () => {
    const v = byName({})
    expect(v.SALESFORCE_LOGIN_URL!.state).toBe("unset")
    expect(v.SALESFORCE_CLIENT_ID!.note).toMatch(/embedded org.s generated app/)
    expect(v.SALESFORCE_SCOPES!.note).not.toMatch(/embedded/)
    expect(v.NEXTAUTH_SECRET!.state).toBe("generated")
  })

  it("for a real org, names what is missing or invalid and never shows a secret's value", () => {
    const env = {
      SALESFORCE_LOGIN_URL: "http://login.example.com",
      SALESFORCE_CLIENT_SECRET: "TOP-SECRET-VALUE",
      SALESFORCE_PRIVATE_KEY: fakePkcs8("AAA"),
    }
    const v = byName(env)
    expect(v.SALESFORCE_LOGIN_URL).toMatchObject({
      state: "invalid",
      note: expect.stringMatching(/must use https/),
    })
    expect(v.SALESFORCE_CLIENT_ID!.state).toBe("missing")
    expect(v.SALESFORCE_CLIENT_SECRET).toMatchObject({
      state: "set",
      note: expect.stringMatching(/value hidden/),
    })
    expect(JSON.stringify(configStatus(env))).not.toMatch(/TOP-SECRET-VALUE|AAA/)
  })
})
