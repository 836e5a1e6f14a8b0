import { redirectResponse, refusePost } from "@/lib/http/respond"
import { startWebServer } from "@/lib/flows/web-server"
import { readFormData } from "@/lib/http/read-limited"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  const refused = refusePost(req)
  if (refused) return refused
  const form = await readFormData(req)
  const loginHint = form.get("login_hint")
  return redirectResponse(
    await startWebServer({ loginHint: typeof loginHint === "string" && loginHint.length <= 256 ? loginHint : undefined, prompt: form.get("prompt") === "login" ? "login" : undefined }),
  )
}

export const GET = methodNotAllowed("POST")
