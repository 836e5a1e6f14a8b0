import { SCRIPT_FREE_META_CONTENT, SCRIPT_FREE_META_NAME } from "@/scripts/script-free-marker.mjs"

/**
 * Says that this page works without JavaScript, so the site's server sends it without Next.js's
 * runtime (scripts/script-free.mjs): its forms post to route handlers and its links are plain
 * links. Render it only on a page (or in a state of a page) that renders no client component:
 * tests/unit/app/script-free-pages.test.ts fails when a page that renders it imports one. React
 * puts the element in the document's head wherever it is rendered
 * (https://react.dev/reference/react-dom/components/meta).
 */
export function ScriptFree() {
  return <meta name={SCRIPT_FREE_META_NAME} content={SCRIPT_FREE_META_CONTENT} />
}
