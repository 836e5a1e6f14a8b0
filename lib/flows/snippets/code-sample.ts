/** A piece of code a flow page offers to copy. */
export interface CodeSample {
  id: "jsforce" | "fetch"
  title: string
  code: string
}
