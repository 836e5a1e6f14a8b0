import { Unzip, UnzipInflate, zipSync, strToU8 } from "fflate"

/**
 * Limits on an uploaded zip (docs/security.md, S-261–S-263). The lab's own zip is a few KB: these
 * leave room for hand-edited ones and nothing else.
 */
export const ZIP_LIMITS = {
  /** The zip itself. */
  zipBytes: 256 * 1024,
  /** Entries, folders included. */
  entries: 64,
  /** One entry, uncompressed. */
  entryBytes: 256 * 1024,
  /** Every entry together, uncompressed: the zip-bomb guard, counted while inflating. */
  totalBytes: 1024 * 1024,
} as const

export class EcaZipError extends Error {
  readonly code = "ECA_ZIP_INVALID"
}

/** A zip of `files` (paths relative to `dir`), deflated, with a fixed date so equal input gives equal bytes. */
export function buildZip(dir: string, files: ReadonlyMap<string, string>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {}
  const mtime = new Date("2026-01-01T00:00:00Z")
  for (const [p, text] of files) entries[`${dir}/${p}`] = [strToU8(text), { mtime }]
  return zipSync(entries, { level: 9 })
}

/**
 * A path the reader keeps: relative, forward slashes, no `..`, no drive letter. Anything else is
 * ignored (and reported), never resolved: nothing is written to disk, but a name like
 * `../../x.eca-meta.xml` must not be taken for a file of the project either.
 */
export function safeEntryPath(name: string): boolean {
  if (!name || name.length > 512 || name.includes("\\") || name.includes("\0")) return false
  if (name.startsWith("/") || /^[a-z]:/i.test(name)) return false
  return !name.split("/").some((part) => part === ".." || part === ".")
}

export interface ZipEntries {
  /** Text of each kept file, by its path in the zip. */
  files: Map<string, string>
  /** Entries left out: unsafe paths, unsupported compression. */
  ignored: string[]
}

/**
 * Reads a zip with every limit enforced before or while inflating: the size of the zip, the number
 * of entries, and the bytes each entry and all of them produce, counted as they come out of the
 * decompressor (a header's declared size can lie). Throws EcaZipError with a plain reason.
 */
export function readZip(data: Uint8Array): ZipEntries {
  if (data.byteLength > ZIP_LIMITS.zipBytes)
    throw new EcaZipError(`The zip is larger than ${ZIP_LIMITS.zipBytes / 1024} KB.`)
  if (data.byteLength < 4 || data[0] !== 0x50 || data[1] !== 0x4b || data[2] !== 3 || data[3] !== 4)
    throw new EcaZipError("This is not a zip file.")
  const out: ZipEntries = { files: new Map(), ignored: [] }
  let count = 0
  let total = 0
  let failure: string | undefined
  const unzip = new Unzip((file) => {
    if (failure) return
    if (++count > ZIP_LIMITS.entries) {
      failure = `The zip has more than ${ZIP_LIMITS.entries} entries.`
      return
    }
    if (file.name.endsWith("/")) return
    if (!safeEntryPath(file.name) || (file.compression !== 0 && file.compression !== 8)) {
      out.ignored.push(file.name.slice(0, 200))
      return
    }
    const chunks: Uint8Array[] = []
    let size = 0
    file.ondata = (err, chunk, final) => {
      if (failure) return
      if (err) {
        failure = "The zip is damaged: an entry could not be decompressed."
        return
      }
      size += chunk.byteLength
      total += chunk.byteLength
      if (size > ZIP_LIMITS.entryBytes || total > ZIP_LIMITS.totalBytes) {
        failure = `The zip expands to more than ${ZIP_LIMITS.totalBytes / 1024} KB (or one entry to more than ${ZIP_LIMITS.entryBytes / 1024} KB): refused as a possible zip bomb.`
        file.terminate()
        return
      }
      chunks.push(chunk)
      if (final) out.files.set(file.name, Buffer.concat(chunks).toString("utf8"))
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  try {
    unzip.push(data, true)
  } catch {
    failure ??= "The zip is damaged and could not be read."
  }
  if (failure) throw new EcaZipError(failure)
  if (!out.files.size && !out.ignored.length) throw new EcaZipError("The zip holds no files.")
  return out
}
