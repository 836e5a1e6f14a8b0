import type { CatalogueEntry } from "@/lib/explain/catalogue-types"

type Props = {
  entry: Pick<CatalogueEntry, "meaning" | "causes" | "fix">
  /** The level of the "causes" and "Fix" headings, one below the heading that names the entry. */
  level: 2 | 3 | 4
  /** "Usual causes" in the catalogue; "Likely causes" where the entry answers a user's own error. */
  causesHeading: string
}

/**
 * A catalogue entry's meaning, causes and fix, in the one shape every page that explains an error
 * uses: its own page under /errors and each answer of /diagnose.
 */
export function EntryExplanation({ entry, level, causesHeading }: Props) {
  const H = `h${level}` as const
  const headingClass = level === 2 ? "text-lg font-semibold" : "font-semibold"
  return (
    <>
      <p className="mb-2">{entry.meaning}</p>
      <H className={headingClass}>{causesHeading}</H>
      <ul className="mb-2 list-disc pl-6">
        {entry.causes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <H className={headingClass}>Fix</H>
      <ol className="mb-2 list-decimal pl-6">
        {entry.fix.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ol>
    </>
  )
}
