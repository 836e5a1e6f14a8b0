import { describe, expect, it } from "vitest"
import { sameId, to15, to18 } from "@/lib/emulator/ids"
import { responseSignature } from "@/lib/emulator/oauth/issue-tokens"

describe("Salesforce IDs", () => {
  it("appends Salesforce's case checksum to make an 18-character ID", () => {
    expect(to18("001A0000006Vm9r")).toBe("001A0000006Vm9rIAC")
    expect(to18("001A0000006Vm9rIAC")).toBe("001A0000006Vm9rIAC")
    expect(to15("001A0000006Vm9rIAC")).toBe("001A0000006Vm9r")
  })

  it("compares IDs across forms but keeps 15-character IDs case-sensitive", () => {
    expect(sameId("001A0000006Vm9r", "001a0000006vm9riac")).toBe(false)
    expect(sameId("001A0000006Vm9r", "001A0000006Vm9rIAC")).toBe(true)
    expect(sameId("001A0000006Vm9rIAC", "001A0000006VM9RIAC")).toBe(false)
    expect(() => to18("short")).toThrow(/15-character/)
  })
})

describe("the token response signature", () => {
  it("F-19 is Base64(HMAC-SHA256(client secret, id + issued_at)), matching the reference vector", () => {
    const id = "https://login.salesforce.com/id/00Dx0000000BV7z/005x00000012Q9P"
    expect(responseSignature("EMULATOR_TEST_SECRET", id, "1278448832702")).toBe(
      "OrKrFZy6miB2/JnsSxTcT+BDCMqtCjRMmM41lMDNRYA=",
    )
  })
})
