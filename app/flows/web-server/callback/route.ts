import { finishWebServer } from "@/lib/flows/web-server"
import { callbackRoute } from "@/lib/http/callback-route"

export const dynamic = "force-dynamic"

/** Step 2: Salesforce's callback (lib/http/callback-route.ts: /setup first when misconfigured, C-53). */
export const { GET, POST } = callbackRoute(finishWebServer)
