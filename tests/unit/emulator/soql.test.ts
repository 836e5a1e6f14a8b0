// Over 200 lines: one suite for the SOQL subset, parser and evaluator, one case per rule.
import { describe, expect, it } from "vitest"
import {
  MAX_LIMIT,
  SoqlError,
  type SoqlQuery,
  formatSoql,
  parseSoql,
} from "@/lib/emulator/rest/soql"
import { runSoql, type SObjectTable } from "@/lib/emulator/rest/soql-run"

/** Runs `fn` and returns the SoqlError it throws (fails the test if it throws anything else). */
function soqlErrorOf(fn: () => unknown): SoqlError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(SoqlError)
    return e as SoqlError
  }
  throw new Error("expected a SoqlError, nothing was thrown")
}

const ACCOUNT_ID_1 = "001000000000001AAA"
const ACCOUNT_ID_2 = "001000000000002AAA"
const ACCOUNT_ID_3 = "001000000000003AAA"

const TABLES: SObjectTable[] = [
  {
    name: "Account",
    records: [
      {
        Id: ACCOUNT_ID_1,
        Name: "Acme",
        Industry: "Energy",
        IsDeleted: false,
        NumberOfEmployees: 10,
      },
      { Id: ACCOUNT_ID_2, Name: "O'Brien \\ Sons", IsDeleted: false, NumberOfEmployees: 3 },
      { Id: ACCOUNT_ID_3, Name: "Globex", Industry: null, IsDeleted: true, NumberOfEmployees: 10 },
    ],
  },
  { name: "Contact", fields: ["Id", "LastName", "Email"], records: [] },
  { name: "Custom_Thing__c", records: [{ Id: "a00000000000001AAA", Label__c: "x" }] },
]

describe("parseSoql", () => {
  it("parses the default query", () => {
    const q = parseSoql("SELECT Id, Name FROM Account LIMIT 5")
    expect(q.fields).toEqual(["Id", "Name"])
    expect(q.object).toBe("Account")
    expect(q.limit).toBe(5)
    expect(q.where).toBeUndefined()
    expect(q.source).toBe("SELECT Id, Name FROM Account LIMIT 5")
    expect(q.positions).toEqual({
      object: { row: 1, column: 22 },
      fields: [
        { row: 1, column: 8 },
        { row: 1, column: 12 },
      ],
    })
  })

  it("accepts lowercase and mixed-case keywords", () => {
    expect(parseSoql("select Id from ScratchOrgInfo limit 1")).toMatchObject({
      fields: ["Id"],
      object: "ScratchOrgInfo",
      limit: 1,
    })
    expect(parseSoql("SeLeCt Id FrOm Account WhErE Name = 'a' LiMiT 2")).toMatchObject({
      where: { field: "Name", value: "a" },
      limit: 2,
    })
  })

  it("accepts whitespace and newlines anywhere between tokens", () => {
    const q = parseSoql(
      "\n  SELECT\tId ,Name\n,Industry\r\nFROM   Account\nWHERE Name='x'\nLIMIT\n3  \n",
    )
    expect(q).toMatchObject({ fields: ["Id", "Name", "Industry"], object: "Account", limit: 3 })
    expect(q.where).toEqual({ field: "Name", value: "x" })
    expect(q.positions?.object).toEqual({ row: 4, column: 8 })
    expect(q.positions?.whereField).toEqual({ row: 5, column: 7 })
  })

  it("decodes string literals with \\' and \\\\ escapes", () => {
    expect(parseSoql("SELECT Id FROM Account WHERE Name = 'O\\'Brien \\\\ Sons'").where).toEqual({
      field: "Name",
      value: "O'Brien \\ Sons",
    })
    expect(parseSoql("SELECT Id FROM Account WHERE Name = ''").where?.value).toBe("")
  })

  it("accepts true, false, null and integers on the right of =", () => {
    expect(parseSoql("SELECT Id FROM Account WHERE IsDeleted = true").where?.value).toBe(true)
    expect(parseSoql("SELECT Id FROM Account WHERE IsDeleted = FALSE").where?.value).toBe(false)
    expect(parseSoql("SELECT Id FROM Account WHERE Industry = null").where?.value).toBeNull()
    expect(parseSoql("SELECT Id FROM Account WHERE NumberOfEmployees = 42").where?.value).toBe(42)
    expect(parseSoql("SELECT Id FROM Account WHERE NumberOfEmployees = -7").where?.value).toBe(-7)
  })

  it("accepts LIMIT 0 and LIMIT 50000", () => {
    expect(parseSoql("SELECT Id FROM Account LIMIT 0").limit).toBe(0)
    expect(parseSoql(`SELECT Id FROM Account LIMIT ${MAX_LIMIT}`).limit).toBe(MAX_LIMIT)
  })

  it("accepts custom object and field names", () => {
    expect(parseSoql("SELECT Id, Label__c FROM Custom_Thing__c")).toMatchObject({
      fields: ["Id", "Label__c"],
      object: "Custom_Thing__c",
    })
  })

  it("accepts Group as an object name even though GROUP is a SOQL keyword", () => {
    expect(parseSoql("SELECT Id FROM Group").object).toBe("Group")
  })

  describe("MALFORMED_QUERY", () => {
    const cases: Array<[string, string, string]> = [
      ["empty query", "", "unexpected token: <EOF>"],
      ["blank query", "   \n ", "unexpected token: <EOF>"],
      ["ORDER BY", "SELECT Id FROM Account ORDER BY Name", "unexpected token: 'ORDER'"],
      ["OFFSET", "SELECT Id FROM Account LIMIT 5 OFFSET 2", "unexpected token: 'OFFSET'"],
      ["COUNT()", "SELECT COUNT() FROM Account", "unexpected token: '('"],
      ["subquery", "SELECT Id, (SELECT Id FROM Contacts) FROM Account", "unexpected token: '('"],
      ["relationship field", "SELECT Account.Name FROM Contact", "unexpected token: '.'"],
      ["missing FROM", "SELECT Id, Name Account", "unexpected token: 'Account'"],
      ["missing object", "SELECT Id FROM", "unexpected token: <EOF>"],
      ["missing field list", "SELECT FROM Account", "unexpected token: 'FROM'"],
      ["trailing comma", "SELECT Id, FROM Account", "unexpected token: 'FROM'"],
      ["SELECT *", "SELECT * FROM Account", "unexpected token: '*'"],
      ["trailing garbage", "SELECT Id FROM Account LIMIT 5 foo", "unexpected token: 'foo'"],
      ["garbage after object", "SELECT Id FROM Account;", "unexpected token: ';'"],
      [
        "unterminated string",
        "SELECT Id FROM Account WHERE Name = 'Acme",
        "unexpected token: <EOF>",
      ],
      ["LIMIT not a number", "SELECT Id FROM Account LIMIT five", "unexpected token: 'five'"],
      ["LIMIT missing", "SELECT Id FROM Account LIMIT", "unexpected token: <EOF>"],
      ["LIMIT negative", "SELECT Id FROM Account LIMIT -1", "unexpected token: '-1'"],
      ["LIMIT decimal", "SELECT Id FROM Account LIMIT 1.5", "unexpected token: '.'"],
      ["LIMIT too large", "SELECT Id FROM Account LIMIT 50001", "no greater than 50000"],
      ["operator !=", "SELECT Id FROM Account WHERE Name != 'x'", "unexpected token: '!='"],
      ["operator LIKE", "SELECT Id FROM Account WHERE Name LIKE 'x%'", "unexpected token: 'LIKE'"],
      [
        "AND",
        "SELECT Id FROM Account WHERE Name = 'x' AND Industry = 'y'",
        "unexpected token: 'AND'",
      ],
      ["double quotes", 'SELECT Id FROM Account WHERE Name = "x"', "unexpected token: '\"'"],
      [
        "bare identifier value",
        "SELECT Id FROM Account WHERE Name = Acme",
        "unexpected token: 'Acme'",
      ],
      ["missing value", "SELECT Id FROM Account WHERE Name =", "unexpected token: <EOF>"],
      ["field starting with a digit", "SELECT 1Id FROM Account", "unexpected token: '1'"],
      ["field starting with underscore", "SELECT _Id FROM Account", "unexpected token: '_'"],
      ["reserved word as field", "SELECT Id, Limit FROM Account", "unexpected token: 'Limit'"],
    ]
    it.each(cases)("rejects %s", (_label, query, detail) => {
      const err = soqlErrorOf(() => parseSoql(query))
      expect(err.errorCode).toBe("MALFORMED_QUERY")
      expect(err.message).toContain(detail)
      expect(err.message).toMatch(/\nERROR at Row:\d+:Column:\d+\n/)
    })

    it("has Salesforce's exact message shape", () => {
      const err = soqlErrorOf(() => parseSoql("SELECT Id FRM Account"))
      expect(err.errorCode).toBe("MALFORMED_QUERY")
      expect(err.name).toBe("SoqlError")
      expect(err.message).toBe(
        "\nSELECT Id FRM Account\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FRM'",
      )
    })

    it("points past the end of the input for <EOF>", () => {
      expect(soqlErrorOf(() => parseSoql("SELECT Id FROM")).message).toBe(
        "\nSELECT Id FROM\n              ^\nERROR at Row:1:Column:15\nunexpected token: <EOF>",
      )
      expect(soqlErrorOf(() => parseSoql("")).message).toBe(
        "\n\n^\nERROR at Row:1:Column:1\nunexpected token: <EOF>",
      )
    })

    it("reports the row and echoes that line for multi-line queries", () => {
      expect(soqlErrorOf(() => parseSoql("SELECT Id\nFROM Account\n  ORDER BY Name")).message).toBe(
        "\n  ORDER BY Name\n  ^\nERROR at Row:3:Column:3\nunexpected token: 'ORDER'",
      )
    })
  })
})

describe("runSoql", () => {
  const run = (q: string, version = "62.0") => runSoql(parseSoql(q), TABLES, version)

  it("returns records with attributes, in SELECT order", () => {
    const result = run("SELECT Name, Id FROM Account LIMIT 5")
    expect(result).toEqual({
      totalSize: 3,
      done: true,
      records: [
        {
          attributes: {
            type: "Account",
            url: `/services/data/v62.0/sobjects/Account/${ACCOUNT_ID_1}`,
          },
          Name: "Acme",
          Id: ACCOUNT_ID_1,
        },
        {
          attributes: {
            type: "Account",
            url: `/services/data/v62.0/sobjects/Account/${ACCOUNT_ID_2}`,
          },
          Name: "O'Brien \\ Sons",
          Id: ACCOUNT_ID_2,
        },
        {
          attributes: {
            type: "Account",
            url: `/services/data/v62.0/sobjects/Account/${ACCOUNT_ID_3}`,
          },
          Name: "Globex",
          Id: ACCOUNT_ID_3,
        },
      ],
    })
    expect(Object.keys(result.records[0] ?? {})).toEqual(["attributes", "Name", "Id"])
  })

  it("tolerates a leading v in the API version", () => {
    expect(run("SELECT Id FROM Account LIMIT 1", "v60.0").records[0]?.attributes).toEqual({
      type: "Account",
      url: `/services/data/v60.0/sobjects/Account/${ACCOUNT_ID_1}`,
    })
  })

  it("applies LIMIT, and totalSize counts the returned records", () => {
    expect(run("SELECT Id FROM Account LIMIT 2")).toMatchObject({ totalSize: 2, done: true })
    expect(run("SELECT Id FROM Account LIMIT 0")).toEqual({ totalSize: 0, done: true, records: [] })
  })

  it("returns null for fields a record lacks", () => {
    const records = run("SELECT Industry FROM Account").records
    expect(records.map((r) => r.Industry)).toEqual(["Energy", null, null])
  })

  it("matches object and field names case-insensitively, using the stored spelling", () => {
    const result = run("select id, NAME from ACCOUNT where name = 'acme'")
    expect(result.records).toEqual([
      {
        attributes: {
          type: "Account",
          url: `/services/data/v62.0/sobjects/Account/${ACCOUNT_ID_1}`,
        },
        Id: ACCOUNT_ID_1,
        Name: "Acme",
      },
    ])
    expect(run("SELECT label__C FROM custom_thing__c").records[0]).toMatchObject({
      attributes: { type: "Custom_Thing__c" },
      Label__c: "x",
    })
  })

  it("compares text case-insensitively and honours escaped quotes", () => {
    expect(run("SELECT Id FROM Account WHERE Name = 'GLOBEX'").records.map((r) => r.Id)).toEqual([
      ACCOUNT_ID_3,
    ])
    expect(run("SELECT Id FROM Account WHERE Name = 'o\\'brien \\\\ sons'").totalSize).toBe(1)
    expect(run("SELECT Id FROM Account WHERE Name = 'Acm'").totalSize).toBe(0)
  })

  it("compares booleans, numbers and null exactly", () => {
    expect(run("SELECT Id FROM Account WHERE IsDeleted = true").records.map((r) => r.Id)).toEqual([
      ACCOUNT_ID_3,
    ])
    expect(run("SELECT Id FROM Account WHERE IsDeleted = false").totalSize).toBe(2)
    expect(run("SELECT Id FROM Account WHERE IsDeleted = 'true'").totalSize).toBe(0)
    expect(run("SELECT Id FROM Account WHERE NumberOfEmployees = 10").totalSize).toBe(2)
    expect(run("SELECT Id FROM Account WHERE NumberOfEmployees = '10'").totalSize).toBe(0)
    // Missing and explicit null both count as null.
    expect(run("SELECT Id FROM Account WHERE Industry = null").records.map((r) => r.Id)).toEqual([
      ACCOUNT_ID_2,
      ACCOUNT_ID_3,
    ])
  })

  it("matches an ID given in its 15-character form", () => {
    expect(
      run(`SELECT Id FROM Account WHERE Id = '${ACCOUNT_ID_2.slice(0, 15)}'`).records.map(
        (r) => r.Id,
      ),
    ).toEqual([ACCOUNT_ID_2])
  })

  it("applies WHERE before LIMIT", () => {
    expect(
      run("SELECT Id FROM Account WHERE NumberOfEmployees = 10 LIMIT 1").records.map((r) => r.Id),
    ).toEqual([ACCOUNT_ID_1])
  })

  it("accepts schema fields that no record has yet", () => {
    expect(run("SELECT Email FROM Contact")).toEqual({ totalSize: 0, done: true, records: [] })
  })

  it("throws INVALID_TYPE with Salesforce's message for an unknown object", () => {
    const err = soqlErrorOf(() => run("SELECT Id FROM ScratchOrgInfo limit 1"))
    expect(err.errorCode).toBe("INVALID_TYPE")
    expect(err.message).toBe(
      "\nSELECT Id FROM ScratchOrgInfo limit 1\n               ^\nERROR at Row:1:Column:16\n" +
        "sObject type 'ScratchOrgInfo' is not supported. If you are attempting to use a custom object, " +
        "be sure to append the '__c' after the entity name. Please reference your WSDL or the describe " +
        "call for the appropriate names.",
    )
  })

  it("throws INVALID_FIELD with Salesforce's message for an unknown SELECT field", () => {
    const err = soqlErrorOf(() => run("SELECT Id, Foo FROM Account"))
    expect(err.errorCode).toBe("INVALID_FIELD")
    expect(err.message).toBe(
      "\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\n" +
        "No such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, " +
        "be sure to append the '__c' after the custom field name. Please reference your WSDL or the " +
        "describe call for the appropriate names.",
    )
  })

  it("throws INVALID_FIELD for an unknown WHERE field, pointing at it", () => {
    const err = soqlErrorOf(() => run("SELECT Id FROM account WHERE Bogus = 1"))
    expect(err.errorCode).toBe("INVALID_FIELD")
    expect(err.message).toContain(
      "\nERROR at Row:1:Column:30\nNo such column 'Bogus' on entity 'Account'.",
    )
  })

  it("only knows a table's declared fields when it has a schema", () => {
    expect(soqlErrorOf(() => run("SELECT FirstName FROM Contact")).errorCode).toBe("INVALID_FIELD")
  })

  it("runs hand-built queries and locates their errors by re-rendering them", () => {
    const q: SoqlQuery = {
      fields: ["Name"],
      object: "Account",
      where: { field: "Name", value: "Acme" },
    }
    expect(runSoql(q, TABLES, "62.0").records).toEqual([expect.objectContaining({ Name: "Acme" })])
    const err = soqlErrorOf(() => runSoql({ fields: ["Id"], object: "Nope" }, TABLES, "62.0"))
    expect(err.message).toContain(
      "\nSELECT Id FROM Nope\n               ^\nERROR at Row:1:Column:16\nsObject type 'Nope'",
    )
  })
})

describe("formatSoql", () => {
  it("round-trips through parseSoql", () => {
    const q: SoqlQuery = {
      fields: ["Id", "Name"],
      object: "Account",
      where: { field: "Name", value: "O'Brien \\ Sons" },
      limit: 3,
    }
    expect(formatSoql(q)).toBe(
      "SELECT Id, Name FROM Account WHERE Name = 'O\\'Brien \\\\ Sons' LIMIT 3",
    )
    expect(parseSoql(formatSoql(q))).toMatchObject(q)
  })
})
