import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { parseFacts } from "@/lib/transcript/facts"

beforeAll(() => {
  process.env.SALESFORCE_LAB_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-facts-"))
})

const ACCESS = "00D5g0000LABORG!AQ1234567890abcdefghijklmnopqrstuvwxyz.ABCDEFG_hijk"
const DAY = 24 * 60 * 60 * 1000

describe("the inspector's facts", () => {
  it("are kept redacted, like the transcript: no known secret and no secret-bearing field is stored", async () => {
    const { TranscriptRecorder } = await import("@/lib/transcript/recorder")
    const { readFacts } = await import("@/lib/transcript/store")
    const Database = (await import("better-sqlite3")).default
    const r = new TranscriptRecorder("facts-redacted-000000").know({
      kind: "access_token",
      value: ACCESS,
    })
    r.fact({
      kind: "userinfo",
      value: {
        ok: true,
        value: {
          sub: "https://org.test/id/00D/005",
          access_token: "another-token-0123456789",
          note: `echo ${ACCESS}`,
        },
      },
    })
    const shown = readFacts(r.id)
    expect(shown.userinfo).toMatchObject({
      ok: true,
      value: {
        sub: "https://org.test/id/00D/005",
        access_token: expect.stringMatching(/^\[REDACTED access_token/),
      },
    })
    const file = new Database(path.join(process.env.SALESFORCE_LAB_DATA_DIR!, "site.sqlite"), {
      readonly: true,
    })
    const stored = JSON.stringify(file.prepare("SELECT * FROM transcript_fact").all())
    file.close()
    for (const secret of [ACCESS, "another-token-0123456789"]) expect(stored).not.toContain(secret)
  })

  it("keep the latest of each kind, and go when their transcript expires", async () => {
    const { putFact, readFacts, pruneTranscripts, appendEntry } =
      await import("@/lib/transcript/store")
    const now = Date.now()
    putFact(
      "facts-expired-00000000",
      "api",
      JSON.stringify({ label: "old", status: 200 }),
      now - 3 * DAY,
    )
    appendEntry("facts-expired-00000000", { kind: "note", at: now - 3 * DAY, step: "s", text: "t" })
    putFact("facts-latest-000000000", "api", JSON.stringify({ label: "first", status: 200 }))
    putFact("facts-latest-000000000", "api", JSON.stringify({ label: "second", status: 401 }))
    pruneTranscripts(now)
    expect(readFacts("facts-expired-00000000")).toEqual({})
    expect(readFacts("facts-latest-000000000")).toEqual({ api: { label: "second", status: 401 } })
  })

  it("leave out a row that does not parse or has the wrong shape, instead of failing the page", () => {
    const facts = parseFacts([
      { kind: "jwks", value: "<html>not json</html>" },
      { kind: "identity", value: JSON.stringify({ ok: true, value: "not an object" }) },
      { kind: "userinfo", value: JSON.stringify({ ok: false, status: 403, reason: "HTTP 403" }) },
      { kind: "unknown-kind", value: "{}" },
    ])
    expect(facts).toEqual({ userinfo: { ok: false, status: 403, reason: "HTTP 403" } })
  })
})
