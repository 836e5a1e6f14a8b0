import { finishIdpSignIn } from "@/lib/flows/token-exchange"
import { callbackRoute } from "@/lib/http/callback-route"

export const dynamic = "force-dynamic"

/** Step 2: the identity provider's callback (lib/http/callback-route.ts: /setup first when misconfigured, C-53). */
export const { GET, POST } = callbackRoute(finishIdpSignIn)
