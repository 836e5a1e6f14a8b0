/**
 * A program a flow page offers to copy, by the library it is written with: plain `fetch`, or
 * jsforce. Each one is run against the embedded org by a test under tests/integration/.
 */
export interface CodeSample {
  id: "fetch" | "jsforce"
  code: string
}
