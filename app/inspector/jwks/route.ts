import { orgPublicKeys } from "@/lib/inspector/org-jwks"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

/** The org's public keys, fetched by the site for the token decoder (lib/inspector/org-jwks.ts). */
export const GET = orgPublicKeys
export const POST = methodNotAllowed("GET", "HEAD")
