/**
 * Salesforce record IDs: 15 case-sensitive characters, and the 18-character form that appends a
 * 3-character checksum so the ID survives case-insensitive systems.
 * @see https://help.salesforce.com/s/articleView?id=000385008&type=1 (15- and 18-character IDs)
 */
const CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"

/** Converts a 15-character ID to its 18-character form (an 18-character ID is returned as is). */
export function to18(id: string): string {
  if (id.length === 18) return id
  if (!/^[a-zA-Z0-9]{15}$/.test(id))
    throw new TypeError(`"${id}" is not a 15-character Salesforce ID`)
  let suffix = ""
  for (let block = 0; block < 3; block++) {
    let bits = 0
    for (let i = 0; i < 5; i++) {
      const c = id.charAt(block * 5 + i)
      if (c >= "A" && c <= "Z") bits |= 1 << i
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits)
  }
  return id + suffix
}

/**
 * The 18-character ID an 18-character one in any case stands for: the suffix says which of the
 * first 15 characters are upper case, so `001…` typed in lower case is still the same record.
 * Undefined when the suffix does not fit the ID (a bit set on a digit, a character outside the
 * alphabet).
 */
export function canonical18(id: string): string | undefined {
  if (!/^[a-zA-Z0-9]{18}$/.test(id)) return undefined
  let restored = ""
  for (let block = 0; block < 3; block++) {
    const bits = CHECKSUM_ALPHABET.indexOf(id.charAt(15 + block).toUpperCase())
    if (bits < 0) return undefined
    for (let i = 0; i < 5; i++) {
      const c = id.charAt(block * 5 + i)
      restored += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase()
    }
  }
  const long = to18(restored)
  return long.slice(15) === id.slice(15).toUpperCase() ? long : undefined
}

/** The 15-character form, as Salesforce puts it in front of an access token (`<orgId15>!…`). */
export function to15(id: string): string {
  return id.slice(0, 15)
}

/** Case-insensitive comparison that accepts either form of both IDs. */
export function sameId(a: string, b: string): boolean {
  const longA = a.length === 15 ? to18(a) : a
  const longB = b.length === 15 ? to18(b) : b
  return longA.toLowerCase() === longB.toLowerCase() && to15(a) === to15(b)
}
