import { z } from "zod"
import type { SalesforceDeviceCodeResponse } from "./wire-types"

/** The Device flow's first answer as the app uses it (camelCase); built from the wire shape here only. */
export interface DeviceAuthorization {
  deviceCode: string
  userCode: string
  verificationUri: string
  /** Seconds to wait between polls. */
  intervalS: number
}

/**
 * What the answer must hold. `interval` defaults to RFC 8628 §3.2's 5 seconds and is kept within
 * 1 to 60, so a hostile or broken answer can neither make the site hammer the org nor stall it.
 */
export const deviceCodeResponseSchema = z.object({
  device_code: z.string().min(1).max(1024),
  user_code: z.string().min(1).max(64),
  verification_uri: z.string().url().max(2048),
  interval: z.coerce.number().int().optional().default(5),
})

export function toDeviceAuthorization(r: SalesforceDeviceCodeResponse): DeviceAuthorization {
  return {
    deviceCode: r.device_code,
    userCode: r.user_code,
    verificationUri: r.verification_uri,
    intervalS: Math.min(60, Math.max(1, r.interval)),
  }
}
