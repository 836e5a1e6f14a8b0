import { runJwtBearer } from "@/lib/flows/jwt-bearer"
import { redirectResponse, refusePost } from "@/lib/http/respond"
import { readFormData } from "@/lib/http/read-limited"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  const refused = refusePost(req)
  if (refused) return refused
  const form = await readFormData(req)
  const username = form.get("username")
  return redirectResponse(await runJwtBearer(typeof username === "string" ? username : ""))
}

export const GET = methodNotAllowed("POST")
