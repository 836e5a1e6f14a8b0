/**
 * Where a catalogue entry is explained: its own page, /errors/<id>. The index, /errors, keeps an
 * anchor per entry (/errors#<id>), so links written before the entries had pages still land on it.
 * No import here: client components may link to an entry without bundling the catalogue.
 */
export function errorEntryHref(id: string): string {
  return `/errors/${encodeURIComponent(id)}`
}

/** The entry's line on the index, /errors#<id>: where "All errors" goes back to. */
export function errorIndexHref(id: string): string {
  return `/errors#${encodeURIComponent(id)}`
}
