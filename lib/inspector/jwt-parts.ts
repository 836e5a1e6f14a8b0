/** A compact JWT split and decoded; undefined when the string is not one. */
export interface DecodedJwt {
  parts: [string, string, string]
  header: Record<string, unknown>
  payload: Record<string, unknown>
}

const decodePart = (p: string): Record<string, unknown> | undefined => {
  try {
    const v = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as unknown
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

export function decodeJwt(token: string | undefined): DecodedJwt | undefined {
  const parts = token?.split(".")
  if (!parts || parts.length !== 3) return undefined
  const header = decodePart(parts[0]!)
  const payload = decodePart(parts[1]!)
  return header && payload ? { parts: parts as [string, string, string], header, payload } : undefined
}

/** Claims holding times (seconds since 1970), shown as dates beside their values. */
export const TIME_CLAIMS = ["exp", "iat", "nbf", "auth_time", "updated_at"]
