import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { to15 } from "@/lib/emulator/ids"
import { ACCOUNTS } from "@/lib/emulator/seed/records"
import { adminAccessToken, createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

// Values Salesforce checks before it saves a record (docs/fidelity.md, F-112): a lookup must hold
// an ID of the object it looks up, stored in its 18-character form; an email must be one.
let t: TestOrg
let token: string
beforeEach(async () => {
  t = await createTestOrg()
  token = adminAccessToken(t)
})
afterEach(() => t.close())

const api = (path: string, init: RequestInit = {}) =>
  t.call(`/services/data/v66.0${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  })
const createContact = (fields: Record<string, string>) =>
  api("/sobjects/Contact", { method: "POST", body: JSON.stringify({ LastName: "X", ...fields }) })

describe("values checked before a save", () => {
  it("F-112 a lookup that is no ID is MALFORMED_ID; an ID of another object is FIELD_INTEGRITY_EXCEPTION", async () => {
    const garbage = await createContact({ AccountId: "garbage" })
    expect(garbage.status).toBe(400)
    expect(await garbage.json()).toEqual([
      {
        message: "Account ID: id value of incorrect type: garbage",
        errorCode: "MALFORMED_ID",
        fields: ["AccountId"],
      },
    ])
    const contact = await jsonOf(await createContact({}))
    const wrongObject = await createContact({ AccountId: String(contact.id) })
    expect(wrongObject.status).toBe(400)
    expect(await wrongObject.json()).toEqual([
      {
        message: `Account ID: id value of incorrect type: ${String(contact.id)}`,
        errorCode: "FIELD_INTEGRITY_EXCEPTION",
        fields: ["AccountId"],
      },
    ])
  })

  it("F-112 a 15-character lookup, or an 18-character one in any case, is stored and read back in its 18-character form", async () => {
    const account = ACCOUNTS[0]!.Id
    const created = await jsonOf(await createContact({ AccountId: to15(account) }))
    const read = await jsonOf(await api(`/sobjects/Contact/${String(created.id)}`))
    expect(read.AccountId).toBe(account)
    // The suffix carries the case: the 18-character ID in lower case is the same record.
    const lower = await jsonOf(await createContact({ AccountId: account.toLowerCase() }))
    const again = await jsonOf(await api(`/sobjects/Contact/${String(lower.id)}`))
    expect(again.AccountId).toBe(account)
    expect((await createContact({ AccountId: `${to15(account)}ZZZ` })).status).toBe(400)
  })

  it("F-112 an email that is no address is INVALID_EMAIL_ADDRESS", async () => {
    const res = await createContact({ Email: "not-an-email" })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual([
      {
        message: "Email: invalid email address: not-an-email",
        errorCode: "INVALID_EMAIL_ADDRESS",
        fields: ["Email"],
      },
    ])
    expect((await createContact({ Email: "dana@example.com" })).status).toBe(201)
  })
})
