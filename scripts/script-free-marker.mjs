// The mark a page renders to say "I work without JavaScript": app/_components/script-free.tsx puts it
// in the page's <head>, and the site's server (scripts/site-server.mjs) then sends that page without
// Next.js's scripts (scripts/script-free.mjs). Its own module so that the page and the server share
// one spelling without the page importing the server's code.
export const SCRIPT_FREE_META_NAME = "lab-runtime"
export const SCRIPT_FREE_META_CONTENT = "none"
