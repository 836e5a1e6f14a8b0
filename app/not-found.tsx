import type { Metadata } from "next"
import { PageLink } from "@/app/_components/page-link"
import { ScriptFree } from "@/app/_components/script-free"

export const metadata: Metadata = { title: "Page not found | Salesforce OAuth Lab" }

/**
 * Every address the site does not have (an unknown path, an /errors/<id> the catalogue lacks): a
 * 404 that says so and leads back, inside the site's layout, rendered on the server like every page.
 */
export default function NotFound() {
  return (
    <section>
      <ScriptFree openable />
      <h1 className="mb-2 text-2xl font-bold">Page not found</h1>
      <p className="mb-4">
        This site has no page at this address. If a link brought you here, the page it named may
        have moved: an error&apos;s explanation is now at <code>/errors/&lt;id&gt;</code>.
      </p>
      <ul className="list-disc pl-6">
        <li>
          <PageLink className="text-blue-800 underline" href="/">
            Choose a flow
          </PageLink>
        </li>
        <li>
          <PageLink className="text-blue-800 underline" href="/errors">
            All Salesforce OAuth errors explained
          </PageLink>
        </li>
      </ul>
    </section>
  )
}
