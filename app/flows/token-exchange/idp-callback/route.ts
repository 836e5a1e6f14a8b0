import { finishIdpSignIn } from "@/lib/flows/token-exchange"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"
import { redirectResponse } from "@/lib/http/respond"

export const dynamic = "force-dynamic"

/** Step 2: the identity provider's callback (the code stays out of any Referer). */
export async function GET(req: Request) {
  return redirectResponse(await finishIdpSignIn(new URL(req.url), req.headers.get("cookie")), {
    "referrer-policy": "no-referrer",
  })
}

export const POST = methodNotAllowed("GET", "HEAD")
