import { forbidden, fromSameOrigin, redirectResponse } from "@/lib/flows/respond"
import { runCertificateCheckRequest } from "@/lib/setup/certificate-check-request"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  if (!fromSameOrigin(req)) return forbidden()
  return redirectResponse(await runCertificateCheckRequest(req))
}
