import Link from "next/link"
import type { ComponentProps } from "react"

/**
 * A link between the site's pages, without prefetching. Every page here is rendered per request
 * (the session, the CSP nonce), and for such a route Next.js prefetches only down to the nearest
 * loading.js, of which the site has none: what comes back is the shared layout the browser already
 * has (https://nextjs.org/docs/app/guides/prefetching, "What Next.js prefetches automatically").
 * So each visible link only cost a request to the server on every page view, 45% of all the site's
 * requests in the browser tests, for no faster navigation.
 */
export function PageLink(props: ComponentProps<typeof Link>) {
  return <Link prefetch={false} {...props} />
}
