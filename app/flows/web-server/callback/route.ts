import { redirectResponse } from "@/lib/http/respond"
import { finishWebServer } from "@/lib/flows/web-server"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

export async function GET(req: Request) {
  return redirectResponse(await finishWebServer(new URL(req.url), req.headers.get("cookie")), {
    "referrer-policy": "no-referrer",
  })
}

export const POST = methodNotAllowed("GET", "HEAD")
