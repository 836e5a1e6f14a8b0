import { methodNotAllowed } from "@/lib/http/method-not-allowed"
import { ecaZipResponse } from "@/lib/setup/eca/download"

export const dynamic = "force-dynamic"

/** The External Client App zip for the flows picked on /setup (a download: GET, nothing changes). */
export function GET(req: Request) {
  return ecaZipResponse(req.url)
}

export const POST = methodNotAllowed("GET", "HEAD")
