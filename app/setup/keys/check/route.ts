import { redirectResponse, refusePost } from "@/lib/http/respond"
import { runCertificateCheckRequest } from "@/lib/setup/certificate-check-request"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  const refused = refusePost(req)
  if (refused) return refused
  return redirectResponse(await runCertificateCheckRequest(req))
}

export const GET = methodNotAllowed("POST")
