// Over 200 lines: one suite, jsforce's data calls against a running org, sharing its server.
import fs from "node:fs"
import jsforce, { type Connection } from "jsforce"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { ACCOUNTS, USERS } from "@/lib/emulator/seed/records"
import { JWT_GRANT, signAssertion, standardClaims } from "../_helpers/assertions"
import { createTestOrg, WEB_CALLBACK, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/**
 * jsforce 3.10.16's data API against the embedded org at a root origin, over a real loopback
 * socket: identity, queries in batches with queryMore, describe, and sObject CRUD kept in the org's
 * database.
 */

const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!

let server: { origin: string; close: () => Promise<void> }
let t: TestOrg
let conn: Connection

beforeAll(async () => {
  server = await serve((req) => t.org.handle(req))
})
afterAll(async () => {
  await server.close()
})

beforeEach(async () => {
  t = await createTestOrg({ baseUrl: server.origin, now: Date.now })
  const { clientId, clientSecret, privateKeyPem } = t.org.credentials
  conn = new jsforce.Connection({
    oauth2: { loginUrl: t.base, clientId, clientSecret, redirectUri: WEB_CALLBACK },
  })
  await conn.authorize({
    grant_type: JWT_GRANT,
    assertion: await signAssertion(
      privateKeyPem,
      standardClaims(clientId, t.base, "admin@example.com", Date.now()),
    ),
  })
})
afterEach(() => {
  t.close()
  fs.rmSync(t.dataDir, { recursive: true, force: true })
})

/** Inserts `n` Accounts through the API, a few requests at a time. */
async function insertAccounts(n: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i += 25) {
    const chunk = Array.from({ length: Math.min(25, n - i) }, (_, j) => `Bulk ${i + j}`)
    const results = await Promise.all(chunk.map((Name) => conn.sobject("Account").create({ Name })))
    for (const r of results) ids.push(r.id!)
  }
  return ids
}

const BATCH_200 = { "Sforce-Query-Options": "batchSize=200" }

describe("jsforce identity", () => {
  it("reads the identity of the session", async () => {
    const identity = await conn.identity()
    expect(identity).toMatchObject({ username: "admin@example.com", user_id: ADMIN.Id })
  })
})

describe("jsforce query and queryMore", () => {
  it("F-104 F-105 answers in batches of the asked size, with nextRecordsUrl until the last", async () => {
    await insertAccounts(250)
    const total = ACCOUNTS.length + 250
    const soql = "SELECT Id, Name FROM Account"

    const first = await conn.query<{ Id: string }>(soql, { headers: BATCH_200, autoFetch: false })
    expect(first.totalSize).toBe(total)
    expect(first.done).toBe(false)
    expect(first.records).toHaveLength(200)
    // jsforce rebuilds nextRecordsUrl from the locator, the org's own form being
    // /services/data/vXX.X/query/01g…-200.
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v\d+\.0\/query\/01g\w{15}-200$/)

    const rest = await conn.queryMore<{ Id: string }>(first.nextRecordsUrl!)
    expect(rest.done).toBe(true)
    expect(rest.records).toHaveLength(total - 200)
    expect(rest.nextRecordsUrl).toBeUndefined()
    const ids = new Set([...first.records, ...rest.records].map((r) => r.Id))
    expect(ids.size).toBe(total)
    // The cursor closed with its last batch.
    await expect(conn.queryMore(first.nextRecordsUrl!)).rejects.toMatchObject({
      errorCode: "INVALID_QUERY_LOCATOR",
    })

    // autoFetch follows nextRecordsUrl by itself.
    const all = await conn.query(soql, { headers: BATCH_200, autoFetch: true, maxFetch: 10_000 })
    expect(all.records).toHaveLength(total)

    // Without the header the batch is 2,000: one answer. Below 200 counts as 200.
    const whole = await conn.query(soql, { autoFetch: false })
    expect(whole).toMatchObject({ done: true, totalSize: total })
    expect(whole.records).toHaveLength(total)
    const small = await conn.query(soql, {
      headers: { "Sforce-Query-Options": "batchSize=10" },
      autoFetch: false,
    })
    expect(small.records).toHaveLength(200)
  })
})

describe("jsforce describe", () => {
  it("F-108 describeGlobal lists the seeded objects, describe gives their fields", async () => {
    const global = await conn.describeGlobal()
    expect(global.sobjects.map((s) => s.name)).toEqual(
      expect.arrayContaining(["Account", "Contact", "User", "Organization"]),
    )
    const account = global.sobjects.find((s) => s.name === "Account")!
    expect(account).toMatchObject({
      label: "Account",
      labelPlural: "Accounts",
      keyPrefix: "001",
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
    })
    expect(account.urls.describe).toMatch(
      /^\/services\/data\/v\d+\.0\/sobjects\/Account\/describe$/,
    )
    expect(global.sobjects.find((s) => s.name === "User")).toMatchObject({ createable: false })

    const d = await conn.sobject("Account").describe()
    expect(d.name).toBe("Account")
    const name = d.fields.find((f) => f.name === "Name")!
    expect(name).toMatchObject({
      type: "string",
      label: "Account Name",
      nillable: false,
      createable: true,
      updateable: true,
      nameField: true,
      length: 255,
    })
    const industry = d.fields.find((f) => f.name === "Industry")!
    expect(industry.type).toBe("picklist")
    expect(industry.picklistValues?.map((p) => p.value)).toContain("Electronics")
    expect(d.fields.find((f) => f.name === "Id")).toMatchObject({ type: "id", createable: false })

    const contact = await conn.sobject("Contact").describe()
    expect(contact.fields.find((f) => f.name === "Name")).toMatchObject({
      calculated: true,
      createable: false,
    })
    expect(contact.fields.find((f) => f.name === "AccountId")).toMatchObject({
      type: "reference",
      referenceTo: ["Account"],
      relationshipName: "Account",
    })
    await expect(conn.sobject("Nope__c").describe()).rejects.toMatchObject({
      errorCode: "NOT_FOUND",
    })
  })
})

describe("jsforce create, retrieve, update and delete", () => {
  it("F-106 keeps a record through its life in the org's database, with Salesforce's answers", async () => {
    const created = await conn.sobject("Account").create({ Name: "Acme Lab", Industry: "Energy" })
    expect(created).toEqual({ id: expect.stringMatching(/^001\w{15}$/), success: true, errors: [] })
    const id = created.id!

    const got = await conn.sobject("Account").retrieve(id)
    expect(got).toMatchObject({ Id: id, Name: "Acme Lab", Industry: "Energy", BillingCity: null })
    expect(got.attributes).toEqual({
      type: "Account",
      url: expect.stringContaining(`/Account/${id}`),
    })

    const updated = await conn.sobject("Account").update({ Id: id, BillingCity: "Lyon" })
    expect(updated).toMatchObject({ id, success: true })
    // Persisted: the record survives a restart of the org.
    await t.restart()
    const found = await conn.query<{ BillingCity: string }>(
      `SELECT Id, BillingCity FROM Account WHERE Id = '${id}'`,
    )
    expect(found.records.map((r) => r.BillingCity)).toEqual(["Lyon"])

    const removed = await conn.sobject("Account").destroy(id)
    expect(removed).toMatchObject({ id, success: true })
    await expect(conn.sobject("Account").retrieve(id)).rejects.toMatchObject({
      errorCode: "NOT_FOUND",
    })
    await expect(conn.sobject("Account").destroy(id)).rejects.toMatchObject({
      errorCode: "ENTITY_IS_DELETED",
      message: "entity is deleted",
    })
    const after = await conn.query(`SELECT Id FROM Account WHERE Id = '${id}'`)
    expect(after.totalSize).toBe(0)
  })

  it("F-106 answers 201, 204 and 404 on the wire", async () => {
    const url = `${t.base}/services/data/v${conn.version}/sobjects/Contact`
    const headers = {
      authorization: `Bearer ${conn.accessToken}`,
      "content-type": "application/json",
    }
    const post = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify({ FirstName: "Ada", LastName: "Lovelace" }),
    })
    expect(post.status).toBe(201)
    const { id } = (await post.json()) as { id: string }
    expect(id).toMatch(/^003/)
    const patch = await fetch(`${url}/${id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ LastName: "King" }),
    })
    expect(patch.status).toBe(204)
    expect(await patch.text()).toBe("")
    const contact = (await (await fetch(`${url}/${id}`, { headers })).json()) as { Name: string }
    // Name is computed from FirstName and LastName, as on Salesforce.
    expect(contact.Name).toBe("Ada King")
    expect((await fetch(`${url}/${id}`, { method: "DELETE", headers })).status).toBe(204)
    const gone = await fetch(`${url}/${id}`, { headers })
    expect(gone.status).toBe(404)
    expect(await gone.json()).toEqual([
      { errorCode: "NOT_FOUND", message: "The requested resource does not exist" },
    ])
  })

  it("F-107 refuses bad writes with Salesforce's error codes, which jsforce reports", async () => {
    const account = conn.sobject("Account")
    await expect(account.create({ Industry: "Energy" })).rejects.toMatchObject({
      errorCode: "REQUIRED_FIELD_MISSING",
      message: "Required fields are missing: [Name]",
    })
    await expect(account.create({ Name: "X", Colour__c: "red" })).rejects.toMatchObject({
      errorCode: "INVALID_FIELD",
      message: "No such column 'Colour__c' on sobject of type Account",
    })
    await expect(
      conn.sobject("Contact").create({ LastName: "Y", Name: "Z" }),
    ).rejects.toMatchObject({ errorCode: "INVALID_FIELD_FOR_INSERT_UPDATE" })
    await expect(conn.sobject("User").create({ Username: "x@example.com" })).rejects.toMatchObject({
      errorCode: "INVALID_TYPE_FOR_OPERATION",
    })
    await expect(account.update({ Id: ACCOUNTS[0].Id, Name: null })).rejects.toMatchObject({
      errorCode: "REQUIRED_FIELD_MISSING",
    })
  })
})

describe("jsforce revokeToken", () => {
  it("F-110 gets revoke errors it can parse: the OAuth error as its name", async () => {
    const err = await conn.oauth2.revokeToken("not-a-token").catch((e: unknown) => e as Error)
    expect(err).toBeInstanceOf(Error)
    expect(err).toMatchObject({ name: "invalid_token", message: "Token was invalid" })
    await conn.oauth2.revokeToken(conn.accessToken!)
    await expect(conn.identity()).rejects.toThrow()
  })
})
