import { runJwtBearer } from "@/lib/flows/jwt-bearer"
import { forbidden, fromSameOrigin, redirectResponse } from "@/lib/flows/respond"
import { readFormData } from "@/lib/http/read-limited"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  if (!fromSameOrigin(req)) return forbidden()
  const form = await readFormData(req)
  const username = form.get("username")
  return redirectResponse(await runJwtBearer(typeof username === "string" ? username : ""))
}
