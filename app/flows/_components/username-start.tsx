import { StartButton } from "@/app/_components/start-button"

/**
 * *Start* for the bearer flows that act as a user without a login (JWT Bearer, SAML Bearer): the
 * username to put in the assertion, picked from the configured ones, posted to `action`.
 */
export function UsernameStart({
  action,
  username,
  usernames,
}: {
  action: string
  username: string
  usernames: string[]
}) {
  return (
    <StartButton action={action}>
      <label htmlFor="username" className="mb-1 block font-semibold">
        Username
      </label>
      <select
        id="username"
        name="username"
        defaultValue={username}
        className="mb-2 rounded border border-slate-500 px-2 py-1"
      >
        {usernames.map((u) => (
          <option key={u} value={u}>
            {u}
          </option>
        ))}
      </select>
    </StartButton>
  )
}

/**
 * The username a bearer page preselects: `?username=` when it is one of the configured ones (so a
 * choice can be bookmarked), else the first; none when none is configured. Never a username that
 * is not configured: the page would offer to sign for it.
 */
export function preselectedUsername(
  usernames: string[],
  asked: string | string[] | undefined,
): string | undefined {
  return typeof asked === "string" && usernames.includes(asked) ? asked : usernames[0]
}

/** What a bearer page shows instead of *Start* when the operator configured no username. */
export function NoUsernameConfigured() {
  return (
    <p role="alert" className="rounded border border-amber-700 bg-amber-50 p-3">
      No username is configured for this flow. Set <code>SALESFORCE_USERNAME</code> (or a
      comma-separated <code>SALESFORCE_JWT_USERNAMES</code>): the site never signs for a username
      taken from a request.
    </p>
  )
}
