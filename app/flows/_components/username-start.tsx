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
