import { FLOW_LABELS, type FlowName } from "@/lib/auth/session-types"
import { CATALOGUE } from "@/lib/explain/catalogue"
import type { CatalogueEntry } from "@/lib/explain/catalogue-types"
import { parsePaste, type PasteForm, type PastedError } from "./parse"

/** What /diagnose answers: what it read, and the catalogue entries that explain it, likeliest first. */
export interface Diagnosis {
  form: PasteForm
  /** The first `error` / `error_description` read, as text (never rendered as HTML). */
  error?: string
  errorDescription?: string
  /** Ids of the catalogue entries (/errors/<id>) that explain the paste; empty when none does. */
  entryIds: string[]
}

/** Every flow the lab knows, and none: a paste does not say which flow it came from. */
const FLOWS: (FlowName | undefined)[] = [undefined, ...(Object.keys(FLOW_LABELS) as FlowName[])]

/** Lower case, one kind of apostrophe and space: pages and mail clients curl quotes and wrap lines. */
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, " ")
    .trim()

/** The catalogue's own spelling of a code typed in another case (INVALID_GRANT → invalid_grant). */
const KNOWN_CODES = new Map(CATALOGUE.map((e) => [e.error.toLowerCase(), e.error]))
const canonical = (code: string | undefined) =>
  code === undefined ? undefined : (KNOWN_CODES.get(code.toLowerCase()) ?? code)

/** Entries whose `match` accepts the failure, in any flow (a paste does not say which flow it came from). */
function matching(p: PastedError): CatalogueEntry[] {
  const error = canonical(p.error)
  // One failure per flow, shared by every entry (`match` only reads it): building a fresh one for
  // each entry and flow was most of a diagnosis's time.
  const failures = FLOWS.map((flow) => ({
    error,
    errorDescription: p.errorDescription,
    code: error,
    flow,
  }))
  return CATALOGUE.filter((e) => failures.some((f) => e.match(f)))
}

/** Is `needle` in `hay` as a whole word (not inside a longer code)? */
function hasWord(hay: string, needle: string): boolean {
  const n = norm(needle)
  if (!n) return false
  let i = hay.indexOf(n)
  while (i !== -1) {
    const before = hay[i - 1]
    const after = hay[i + n.length]
    if (!/[a-z0-9_]/.test(before ?? "") && !/[a-z0-9_]/.test(after ?? "")) return true
    i = hay.indexOf(n, i + 1)
  }
  return false
}

/** The site's own codes (NETWORK, TIMEOUT…) are common words: in free text they count only in capitals. */
const codeIn = (text: string, hay: string, e: CatalogueEntry) =>
  e.where.includes("this site") ? new RegExp(`\\b${e.error}\\b`).test(text) : hasWord(hay, e.error)

/** An entry's own words: its `error_description` and the phrases of its page. */
const wordsOf = (e: CatalogueEntry) =>
  [e.description, ...(e.phrases ?? [])].filter((w): w is string => !!w)

/**
 * The failures a page's text is read as: each code found alone, each description or phrase found
 * alone, and each description with the code of an entry it belongs to (`invalid_grant` with
 * "expired authorization code"), once. Trying every code with every description, each against
 * the whole catalogue in every flow, took codes × descriptions × entries × flows `match` calls:
 * seconds of blocked event loop for every user of the site, from one paste of all the catalogue's
 * codes and words, which the route's same-origin check and body limit (docs/security.md, C-151)
 * do not stop a script sending. This is linear in what was found; what can be found is bounded by
 * the catalogue (codes and words are looked up from it, never taken from the paste), so no cap.
 */
function readings(codes: Set<string>, descriptions: Set<string>): PastedError[] {
  const out = new Map<string, PastedError>()
  for (const error of codes) out.set(`${error}\n`, { error })
  for (const errorDescription of descriptions)
    out.set(`\n${errorDescription}`, { errorDescription })
  for (const e of CATALOGUE)
    if (codes.has(e.error))
      for (const w of wordsOf(e))
        if (descriptions.has(w))
          out.set(`${e.error}\n${w}`, { error: e.error, errorDescription: w })
  return [...out.values()]
}

/**
 * A page's text: the catalogue's codes, descriptions and phrases found in it are read as
 * structured errors (readings); an entry whose own words appear comes first.
 */
function fromText(text: string): { entries: CatalogueEntry[]; first?: PastedError } {
  const hay = norm(text)
  const codes = new Set<string>()
  const descriptions = new Set<string>()
  const named: CatalogueEntry[] = []
  for (const e of CATALOGUE) {
    const code = codeIn(text, hay, e)
    if (code) codes.add(e.error)
    const said = wordsOf(e).filter((w) => hay.includes(norm(w)))
    said.forEach((w) => descriptions.add(w))
    if (said.length && (code || !e.description || hay.includes(norm(e.description ?? ""))))
      named.push(e)
  }
  const found = new Set<CatalogueEntry>()
  for (const p of readings(codes, descriptions)) matching(p).forEach((e) => found.add(e))
  const entries = [...named, ...CATALOGUE.filter((e) => found.has(e) && !named.includes(e))]
  const first = entries[0]
  return {
    entries,
    first: first && { error: first.error, errorDescription: [...descriptions][0] },
  }
}

/** Everything a paste says, explained from the catalogue (lib/explain): the one source of truth. */
export function diagnose(raw: string): Diagnosis {
  const parsed = parsePaste(raw)
  if (parsed.form === "empty") return { form: "empty", entryIds: [] }
  if (parsed.form === "text") {
    const { entries, first } = fromText(parsed.text)
    return { form: "text", ...first, entryIds: entries.map((e) => e.id) }
  }
  const ids = new Set<string>()
  for (const p of parsed.errors) {
    const direct = matching(p)
    // A code the catalogue knows, with words it does not: every entry for that code may apply.
    const byCode = direct.length
      ? []
      : CATALOGUE.filter((e) => e.error.toLowerCase() === (p.error ?? "").toLowerCase())
    // Words it knows (a page's text in error_description) with no code: search them as text.
    const byText =
      direct.length || byCode.length
        ? []
        : fromText(`${p.error ?? ""} ${p.errorDescription ?? ""}`).entries
    ;[...direct, ...byCode, ...byText].forEach((e) => ids.add(e.id))
  }
  const first = parsed.errors[0]!
  return {
    form: parsed.form,
    error: first.error,
    errorDescription: first.errorDescription,
    entryIds: [...ids],
  }
}

/** The catalogue entries of a diagnosis, in its order (ids it does not know are dropped). */
export const entriesOf = (d: Pick<Diagnosis, "entryIds">): CatalogueEntry[] =>
  d.entryIds.map((id) => CATALOGUE.find((e) => e.id === id)).filter((e): e is CatalogueEntry => !!e)
