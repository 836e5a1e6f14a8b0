import type { Metadata } from "next"
import { FragmentReader } from "./fragment-reader"

export const metadata: Metadata = {
  title: "Completing the User-Agent flow | Salesforce OAuth Lab",
  referrer: "no-referrer",
}

/** The User-Agent callback: the token is in the fragment, which only the browser can read. */
export default function UserAgentCallback() {
  return (
    <section>
      <h1 className="mb-4 text-2xl font-bold">Completing the User-Agent flow</h1>
      <FragmentReader />
    </section>
  )
}
