import { PageLink } from "@/app/_components/page-link"
import type { CheckResult, LabSession } from "@/lib/auth/session-types"
import { Check } from "./badges"
import { Countdown } from "./countdown"
import { JwtView } from "./jwt-view"

/**
 * The asset token the session's access token was exchanged for: its verification against the
 * org's keys, its expiry, and the asset token and the actor token decoded. Nothing when the
 * session holds none.
 */
export function AssetTokenView({ s, check }: { s: LabSession; check?: CheckResult }) {
  const a = s.assetToken
  if (!a) return null
  const exp = a.expiresIn !== undefined ? Math.floor(a.receivedAt / 1000) + a.expiresIn : undefined
  return (
    <section id="asset-token" aria-labelledby="asset-token-h" className="mb-6">
      <h2 id="asset-token-h" className="mb-2 text-lg font-semibold">
        Asset token
      </h2>
      <p className="mb-2 text-sm">
        Received {new Date(a.receivedAt).toISOString()} from the{" "}
        <PageLink href="/flows/asset-token" className="text-blue-800 underline">
          Asset Token flow
        </PageLink>
        {exp ? (
          <>
            ; expires_in {a.expiresIn} s, so it expires {new Date(exp * 1000).toISOString()},{" "}
            <Countdown exp={exp} />
          </>
        ) : null}
        . A device presents it to its backend as <code>Authorization: Bearer</code>; the backend
        verifies it with the org&apos;s keys, as below.
      </p>
      <ul className="mb-3 space-y-1">
        <Check name="asset token" result={check} />
      </ul>
      <JwtView title="Asset token" token={a.token} note="Issued and signed by the org." />
      <JwtView
        title="Actor token"
        token={a.actorToken}
        note={
          a.actorToken.endsWith(".")
            ? "The device's claims as the site sent them, unsigned (alg none)."
            : "The device's claims as the site sent them, RS256-signed with the configured key (its public half is cnf.jwk)."
        }
      />
    </section>
  )
}
