/**
 * The pages the site sends without Next.js's scripts (app/_components/script-free.tsx), as a browser
 * reaches them with the embedded org. The lab passphrase page is one too, but exists only behind
 * the gate (tests/e2e/lab-access.spec.ts).
 */
export const SCRIPT_FREE_PAGES = [
  "/",
  "/flows/web-server",
  "/flows/user-agent",
  "/flows/jwt-bearer",
  "/flows/device",
  "/flows/client-credentials",
  "/flows/username-password",
  "/flows/saml-bearer",
  "/flows/token-exchange",
  "/flows/asset-token",
  "/errors",
  "/errors/invalid-client-id",
  "/diagnose",
  "/no-such-page",
]

/**
 * The script-free pages that show nothing of anyone's flow, as a browser with no session reaches
 * them: sent without Cross-Origin-Opener-Policy (`<ScriptFree openable />`; docs/security.md, "Why
 * COOP, and where not"). Every other page and route keeps the header.
 */
export const OPENABLE_PAGES = SCRIPT_FREE_PAGES.filter((p) => p !== "/diagnose")
