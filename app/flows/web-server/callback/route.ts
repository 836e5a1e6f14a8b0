import { redirectResponse } from "@/lib/flows/respond"
import { finishWebServer } from "@/lib/flows/web-server"

export const dynamic = "force-dynamic"

export async function GET(req: Request) {
  return redirectResponse(await finishWebServer(new URL(req.url), req.headers.get("cookie")), { "referrer-policy": "no-referrer" })
}
