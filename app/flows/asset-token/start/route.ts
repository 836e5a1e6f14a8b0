import { z } from "zod"
import { runAssetToken } from "@/lib/flows/asset-token"
import { redirectResponse } from "@/lib/http/respond"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

/** The device's claims as typed (checked again in lib/flows/asset-token.ts) and whether to sign. */
export const { POST, GET } = postRoute({
  form: z.object({
    deviceId: z.string().max(200).catch(""),
    name: z.string().max(200).catch(""),
    serialNumber: z.string().max(200).catch(""),
    sign: z.enum(["on"]).optional().catch(undefined),
  }),
  handle: async ({ deviceId, name, serialNumber, sign }, req) =>
    redirectResponse(
      await runAssetToken(
        req.headers.get("cookie"),
        { deviceId: deviceId.trim(), name: name.trim(), serialNumber: serialNumber.trim() },
        sign === "on",
      ),
    ),
})
