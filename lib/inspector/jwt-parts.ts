import { decodeJwt as decodePayload, decodeProtectedHeader } from "jose"

/** A compact JWT split and decoded; undefined when the string is not one. */
export interface DecodedJwt {
  parts: [string, string, string]
  header: Record<string, unknown>
  payload: Record<string, unknown>
}

/**
 * Decodes without verifying (jose's decoders: they refuse anything but a compact JWS whose header
 * and payload are JSON objects). The parts are only split for showing them in colour.
 */
export function decodeJwt(token: string | undefined): DecodedJwt | undefined {
  if (!token) return undefined
  try {
    const header = decodeProtectedHeader(token) as Record<string, unknown>
    const payload = decodePayload(token) as Record<string, unknown>
    return { parts: token.split(".") as [string, string, string], header, payload }
  } catch {
    return undefined
  }
}

/** Claims holding times (seconds since 1970), shown as dates beside their values. */
export const TIME_CLAIMS = ["exp", "iat", "nbf", "auth_time", "updated_at"]
