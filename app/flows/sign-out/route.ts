import { forbidden, fromSameOrigin, redirectResponse } from "@/lib/flows/respond"
import { signOut } from "@/lib/flows/sign-out"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  if (!fromSameOrigin(req)) return forbidden()
  return redirectResponse(await signOut(req.headers.get("cookie")))
}
