import type { SiteConfig } from "@/lib/config/env"
import { maskKey } from "./mask"
import { DEMO_USERS } from "@/lib/emulator/seed/records"

/** Which org the site talks to. The consumer key is masked; no secret is ever rendered. */
export function OrgStatus({ config, clientId }: { config: SiteConfig; clientId: string }) {
  if (config.mode === "real") {
    return (
      <div className="rounded border border-slate-300 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">Org</h2>
        <p>
          Real Salesforce org at <code>{config.loginUrl}</code>, consumer key{" "}
          <code>{maskKey(clientId)}</code>.
        </p>
      </div>
    )
  }
  const base = config.loginUrl
  return (
    <div className="rounded border border-slate-300 bg-white p-4">
      <h2 className="mb-2 text-lg font-semibold">Embedded org</h2>
      <p className="mb-3">
        The site talks to its embedded, emulated Salesforce org: same endpoints, parameters and
        error strings as Salesforce, no account or network needed. Its My Domain is{" "}
        <code>{base}</code> and its generic login host (like login.salesforce.com){" "}
        <code>{config.org?.loginHostUrl}</code>. Its app&apos;s consumer key is{" "}
        <code>{maskKey(clientId)}</code>.
      </p>
      <ul className="mb-3 list-disc pl-6">
        <li>
          <a className="text-blue-800 underline" href={`${base}/login`}>
            Log in to the embedded org
          </a>
        </li>
        <li>
          <a className="text-blue-800 underline" href={`${base}/settings`}>
            Org settings
          </a>{" "}
          (as admin@example.com): app policy, PKCE, blocked flows, refresh-token rotation, approvals
        </li>
        <li>
          <a className="text-blue-800 underline" href={`${base}/.well-known/openid-configuration`}>
            OpenID configuration
          </a>
        </li>
      </ul>
      <table className="w-full text-left text-sm">
        <caption className="mb-1 text-left font-semibold">Demo users</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Password</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {DEMO_USERS.map((u) => (
            <tr key={u.Id}>
              <td>
                <code>{u.Username}</code>
              </td>
              <td>
                <code>{u.password}</code>
              </td>
              <td>{u.IsActive ? "yes" : "no (inactive)"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
