import {
  OPENABLE_META_CONTENT,
  OPENABLE_META_NAME,
  SCRIPT_FREE_META_CONTENT,
  SCRIPT_FREE_META_NAME,
} from "@/scripts/script-free-marker.mjs"

/**
 * Says that this page works without JavaScript, so the site's server sends it without Next.js's
 * runtime (scripts/script-free.mjs): its forms post to route handlers and its links are plain
 * links. Render it only on a page (or in a state of a page) that renders no client component:
 * tests/unit/app/script-free-pages.test.ts fails when a page that renders it imports one. React
 * puts the elements in the document's head wherever they are rendered
 * (https://react.dev/reference/react-dom/components/meta).
 *
 * `openable`: this page, in this state, shows nothing of anyone's flow (no code, token, claim,
 * identity, transcript or answer of the org; only the lab's own text and forms). The server then
 * sends it without Cross-Origin-Opener-Policy: with no script and no frame in it, a page of another
 * origin that opened it can do nothing to the window but navigate it, and the handle is cut by the
 * first page of a flow, which sends COOP (docs/security.md, "Why COOP, and where not").
 */
export function ScriptFree({ openable = false }: { openable?: boolean }) {
  return (
    <>
      <meta name={SCRIPT_FREE_META_NAME} content={SCRIPT_FREE_META_CONTENT} />
      {openable ? <meta name={OPENABLE_META_NAME} content={OPENABLE_META_CONTENT} /> : null}
    </>
  )
}
