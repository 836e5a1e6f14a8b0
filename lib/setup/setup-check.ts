/** One row of the /setup checklist: what was checked, how it went, and how to fix a failure. */
export interface SetupCheck {
  name: string
  status: "pass" | "fail" | "skip"
  detail: string
  fix?: string
  /** The /errors entry that explains a failure. */
  entryId?: string
}
