// The marks a page renders in its <head> (app/_components/script-free.tsx), read by the site's
// server (scripts/site-server.mjs, scripts/script-free.mjs). Their own module so that the page and
// the server share one spelling without the page importing the server's code.

// "I work without JavaScript": the server sends the page without Next.js's scripts.
export const SCRIPT_FREE_META_NAME = "lab-runtime"
export const SCRIPT_FREE_META_CONTENT = "none"

// "I show nothing of anyone's flow": on a page sent without scripts, the server leaves out
// Cross-Origin-Opener-Policy (docs/security.md, "Why COOP, and where not").
export const OPENABLE_META_NAME = "lab-opener"
export const OPENABLE_META_CONTENT = "any"
