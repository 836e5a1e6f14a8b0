import type { CodeSample } from "./code-sample"

/**
 * Node.js code that does what the site's Asset Token flow does: build the actor token (signed with
 * the device key when SF_DEVICE_KEY_FILE is set, unsigned otherwise), exchange it with an access
 * token, then verify the asset token with the org's /id/keys, with node:crypto alone.
 * tests/integration/asset-token-snippets.test.ts runs it against a served org.
 */
export function assetTokenSnippets(loginUrl: string): CodeSample[] {
  const url = JSON.stringify(loginUrl)
  return [
    {
      id: "fetch",
      code: `// Node.js 18 or later. SF_ACCESS_TOKEN: a Salesforce access token from any flow.
// SF_DEVICE_KEY_FILE (optional): the device's RSA private key (PEM) to sign the actor token with.
import crypto from "node:crypto"
import fs from "node:fs"

const loginUrl = process.env.SF_LOGIN_URL ?? ${url}
const b64 = (v) => Buffer.from(JSON.stringify(v)).toString("base64url")

// The actor token: what the device says about itself (did, Name, Asset).
const claims = {
  did: process.env.SF_DEVICE_ID ?? "thermostat-0042",
  Name: "Hall thermostat",
  Asset: { Name: "Hall thermostat", SerialNumber: "SN-0042" },
}
let actorToken
if (process.env.SF_DEVICE_KEY_FILE) {
  // Signed: RS256 with the device key, whose public half goes into cnf.jwk (proof of possession).
  const key = crypto.createPrivateKey(fs.readFileSync(process.env.SF_DEVICE_KEY_FILE))
  const { kty, n, e } = crypto.createPublicKey(key).export({ format: "jwk" })
  const input = \`\${b64({ alg: "RS256", typ: "JWT" })}.\${b64({ ...claims, cnf: { jwk: { kty, n, e } } })}\`
  actorToken = \`\${input}.\${crypto.sign("sha256", Buffer.from(input), key).toString("base64url")}\`
} else {
  actorToken = \`\${b64({ alg: "none", typ: "JWT" })}.\${b64(claims)}.\`
}

const res = await fetch(\`\${loginUrl}/services/oauth2/token\`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
  body: new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
    subject_token: process.env.SF_ACCESS_TOKEN,
    actor_token_type: "urn:ietf:params:oauth:token-type:jwt",
    actor_token: actorToken,
  }),
})
const answer = await res.json()
if (!res.ok) throw new Error(\`\${answer.error}: \${answer.error_description}\`)

// What a device backend does: verify the asset token (RS256 only) with the org's published keys.
const [h, p, s] = answer.access_token.split(".")
const header = JSON.parse(Buffer.from(h, "base64url"))
const { keys } = await (await fetch(\`\${loginUrl}/id/keys\`)).json()
const jwk = keys.find((k) => k.kid === header.kid)
if (header.alg !== "RS256" || !jwk) throw new Error("no RS256 key of the org signed this token")
const ok = crypto.verify(
  "sha256",
  Buffer.from(\`\${h}.\${p}\`),
  crypto.createPublicKey({ key: jwk, format: "jwk" }),
  Buffer.from(s, "base64url"),
)
const payload = JSON.parse(Buffer.from(p, "base64url"))
if (!ok || payload.exp * 1000 < Date.now()) throw new Error("invalid or expired asset token")
console.log(JSON.stringify({ verified: ok, did: payload.did, aud: payload.aud, expiresIn: answer.expires_in }))
`,
    },
  ]
}
