import { runJwtBearer } from "@/lib/flows/jwt-bearer"
import { forbidden, fromSameOrigin, redirectResponse } from "@/lib/flows/respond"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  if (!fromSameOrigin(req)) return forbidden()
  const form = await req.formData().catch(() => new FormData())
  const username = form.get("username")
  return redirectResponse(await runJwtBearer(typeof username === "string" ? username : ""))
}
