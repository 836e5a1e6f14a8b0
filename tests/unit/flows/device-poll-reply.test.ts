import { describe, expect, it } from "vitest"
import { nextPollStep } from "@/lib/flows/device-poll-reply"

/**
 * What the Device flow's waiting page does with each answer to its poll: only the poll route's own
 * JSON keeps it polling; any other answer stops it with what to do, instead of "Waiting…" forever.
 */
const ok = (body: unknown) => ({ status: 200, redirected: false, body })

describe("the waiting page's next step after a poll", () => {
  it("follows the poll route's own answers: wait as told, or go to a page of the site", () => {
    expect(nextPollStep(ok({ status: "pending", retryAfterS: 7 }), 5)).toEqual({
      kind: "wait",
      afterS: 7,
    })
    expect(
      nextPollStep(ok({ status: "pending", retryAfterS: 500, notice: "Salesforce answered" }), 5),
    ).toEqual({ kind: "wait", afterS: 60, notice: "Salesforce answered" })
    expect(nextPollStep(ok({ status: "done", location: "/inspector" }), 5)).toEqual({
      kind: "go",
      location: "/inspector",
    })
  })

  it("a failed request is tried again after the interval, and the page says so", () => {
    expect(nextPollStep(undefined, 5)).toMatchObject({
      kind: "wait",
      afterS: 5,
      notice: expect.stringContaining("could not reach the site"),
    })
  })

  it("the lab's passphrase gate (401 JSON without location or retryAfterS) stops the page with what to do", () => {
    const step = nextPollStep(
      {
        status: 401,
        redirected: false,
        body: { error: "lab_access_required", error_description: "open /lab-access" },
      },
      5,
    )
    expect(step.kind).toBe("stop")
    if (step.kind === "stop") expect(step.message).toMatch(/passphrase again.*Reload/)
  })

  it("an HTML page, an error status, a redirect or a foreign location stops the page", () => {
    const answers = [
      { status: 200, redirected: false, body: undefined },
      { status: 502, redirected: false, body: undefined },
      { status: 500, redirected: false, body: { error: "server_error" } },
      { status: 403, redirected: false, body: undefined },
      { status: 200, redirected: true, body: undefined },
      ok({ status: "done", location: "//evil.example/" }),
      ok({ status: "failed", location: "/\\evil.example/" }),
      ok({ status: "pending" }),
    ]
    for (const a of answers) {
      const step = nextPollStep(a, 5)
      expect(step.kind).toBe("stop")
      if (step.kind === "stop") expect(step.message).toMatch(/Reload this page/)
    }
    const html = nextPollStep({ status: 502, redirected: false, body: undefined }, 5)
    expect(html).toMatchObject({ message: expect.stringContaining("HTTP 502") })
  })
})
