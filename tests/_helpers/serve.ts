import { listen, nodeServer } from "@/lib/emulator/server/node-http"

/**
 * Mounts a `(Request) => Promise<Response>` handler on a plain node:http server on a free loopback
 * port, through the adapter `npm run org` uses (lib/emulator/server/node-http.ts), giving real
 * clients (jsforce, @salesforce/core, the site in real-org mode) a URL.
 */
export async function serve(
  handler: (req: Request) => Promise<Response>,
): Promise<{ origin: string; close: () => Promise<void> }> {
  const { port, close } = await listen(nodeServer(handler), 0, "127.0.0.1")
  return { origin: `http://127.0.0.1:${port}`, close }
}
