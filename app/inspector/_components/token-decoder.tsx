"use client"

import { decodeJwt, decodeProtectedHeader } from "jose"
import { useState } from "react"

type Decoded =
  | { kind: "jwt"; header: unknown; payload: unknown }
  | { kind: "salesforce"; orgId: string }
  | { kind: "unknown" }

/** Three dot-separated parts: shaped like a compact JWT, whether or not they decode. */
const JWT_SHAPE = /^[^.]*\.[^.]*\.[^.]*$/

function decode(token: string): Decoded {
  const t = token.trim()
  if (JWT_SHAPE.test(t)) {
    try {
      // Only jose's two decoders: the rest of jose loads when Verify is pressed.
      return { kind: "jwt", header: decodeProtectedHeader(t), payload: decodeJwt(t) }
    } catch {
      return { kind: "unknown" }
    }
  }
  const sf = /^(00D[a-zA-Z0-9]{12})!/.exec(t)
  return sf ? { kind: "salesforce", orgId: sf[1]! } : { kind: "unknown" }
}

/** Where the page gets the org's keys: the site fetches them (the browser talks only to the site). */
const SITE_JWKS = "/inspector/jwks"

/**
 * Decode any token, in the browser only. Verifying fetches the org's public keys through the site
 * (`orgJwksUrl` is where the site gets them) or uses a pasted certificate; nothing else leaves the
 * page, and never the token.
 */
export function TokenDecoder({ orgJwksUrl }: { orgJwksUrl: string }) {
  const [token, setToken] = useState("")
  const [pem, setPem] = useState("")
  const [verdict, setVerdict] = useState("")
  const d = token ? decode(token) : undefined

  async function verify() {
    setVerdict("Verifying…")
    try {
      const jose = await import("jose")
      const algorithms = ["RS256", "RS384", "RS512", "ES256", "PS256"]
      if (pem.trim()) {
        const alg = (jose.decodeProtectedHeader(token.trim()).alg as string) ?? "RS256"
        const key = pem.includes("CERTIFICATE")
          ? await jose.importX509(pem.trim(), alg)
          : await jose.importSPKI(pem.trim(), alg)
        await jose.compactVerify(token.trim(), key, { algorithms })
      } else {
        const jwks = jose.createRemoteJWKSet(new URL(SITE_JWKS, window.location.origin))
        await jose.compactVerify(token.trim(), jwks, { algorithms })
      }
      setVerdict("Signature valid.")
    } catch (e) {
      setVerdict(`Signature not valid: ${e instanceof Error ? e.message : "unknown error"}`)
    }
  }

  return (
    <div>
      <p className="mb-2 text-sm text-slate-700">
        Decoding happens in this browser: no request leaves the page, and the token is never sent
        anywhere. Verifying uses the org&apos;s public keys, which the site fetches for this page,
        or a certificate you paste.
      </p>
      <label htmlFor="decode-token" className="block font-semibold">
        Token
      </label>
      <textarea
        id="decode-token"
        className="w-full rounded border border-slate-500 p-2 font-mono text-sm"
        rows={4}
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      {d?.kind === "jwt" ? (
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          <pre
            role="region"
            tabIndex={0}
            className="overflow-x-auto rounded bg-slate-100 p-2 text-sm"
            aria-label="Decoded header"
          >
            {JSON.stringify(d.header, null, 2)}
          </pre>
          <pre
            role="region"
            tabIndex={0}
            className="overflow-x-auto rounded bg-slate-100 p-2 text-sm"
            aria-label="Decoded payload"
          >
            {JSON.stringify(d.payload, null, 2)}
          </pre>
        </div>
      ) : d?.kind === "salesforce" ? (
        <p className="mt-2">
          A Salesforce opaque access token (a session id) for org <code>{d.orgId}</code>: it is not
          a JWT; only the org can tell whether it is active (introspection).
        </p>
      ) : d ? (
        <p className="mt-2">Not a JWT (three base64url parts) nor a Salesforce token.</p>
      ) : null}
      {d?.kind === "jwt" ? (
        <div className="mt-3">
          <p>
            Keys: the org&apos;s JWKS, <code className="break-all">{orgJwksUrl}</code>, fetched by
            the site.
          </p>
          <label htmlFor="decode-pem" className="mt-2 block font-semibold">
            Or a PEM certificate or public key
          </label>
          <textarea
            id="decode-pem"
            className="w-full rounded border border-slate-500 p-2 font-mono text-sm"
            rows={3}
            value={pem}
            onChange={(e) => setPem(e.target.value)}
          />
          <button
            type="button"
            onClick={verify}
            className="mt-2 rounded bg-blue-800 px-3 py-1 text-white"
          >
            Verify signature
          </button>
          <p role="status" className="mt-1">
            {verdict}
          </p>
        </div>
      ) : null}
    </div>
  )
}
