import { PageLink } from "@/app/_components/page-link"
import { FLOW_LABELS, type LabSession } from "@/lib/auth/session-types"

/** Who is signed in, through which flow, with the Sign out button (a same-origin POST). */
export function SignedIn({ session }: { session?: LabSession }) {
  if (!session) {
    return <p className="text-slate-700">Nobody is signed in. Pick a flow below.</p>
  }
  return (
    <div className="flex flex-wrap items-center gap-4">
      <p>
        Signed in as <strong>{session.user.displayName}</strong> (
        <code>{session.user.username}</code>) through the{" "}
        <strong>{FLOW_LABELS[session.flow]}</strong>.{" "}
        <PageLink className="text-blue-800 underline" href="/inspector">
          Open the token inspector
        </PageLink>
      </p>
      <SignOutButton />
    </div>
  )
}

export function SignOutButton() {
  return (
    <form method="post" action="/flows/sign-out">
      <button
        type="submit"
        className="rounded border border-blue-800 px-3 py-1 text-blue-800 hover:bg-blue-50"
      >
        Sign out
      </button>
    </form>
  )
}
