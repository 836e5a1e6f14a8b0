import { describe, expect, it } from "vitest"
import { setupCheckInputSchema } from "@/lib/setup/check-request"
import { certificateCheckInputSchema } from "@/lib/setup/certificate-check-request"
import { fragmentSchema } from "@/lib/flows/user-agent"

describe("the setup forms' schemas keep today's reading of odd input", () => {
  it("a typed consumer key is trimmed, and ignored (never refused) unless it looks like one", () => {
    expect(setupCheckInputSchema.parse({ client_id: "  3MVG9.abc_1 " })).toEqual({
      client_id: "3MVG9.abc_1",
    })
    for (const odd of ["", "   ", "has space", "x".repeat(257), "<script>", new File(["x"], "f")])
      expect(setupCheckInputSchema.parse({ client_id: odd }).client_id).toBeUndefined()
    expect(setupCheckInputSchema.parse({}).client_id).toBeUndefined()
  })

  it("the certificate checker takes a file and pasted text, and drops values of the wrong kind", () => {
    const file = new File(["pem"], "server.crt")
    expect(certificateCheckInputSchema.parse({ file, pem: "text" })).toEqual({ file, pem: "text" })
    expect(certificateCheckInputSchema.parse({ file: "not a file", pem: file })).toEqual({
      file: undefined,
      pem: undefined,
    })
  })

  it("the user-agent fragment keeps the known string fields only, and reads anything else as an empty fragment", () => {
    expect(fragmentSchema.parse({ access_token: "a", state: "s", extra: "x", scope: 1 })).toEqual({
      access_token: "a",
      state: "s",
    })
    for (const odd of [undefined, null, [], "text", 3])
      expect(fragmentSchema.parse(odd)).toEqual({})
  })
})
