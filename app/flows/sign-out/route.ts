import { redirectResponse, refusePost } from "@/lib/http/respond"
import { signOut } from "@/lib/flows/sign-out"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  const refused = refusePost(req)
  if (refused) return refused
  return redirectResponse(await signOut(req.headers.get("cookie")))
}

export const GET = methodNotAllowed("POST")
