/**
 * "Code to copy" for the JWT Bearer flow: what lib/flows/jwt-bearer.ts and
 * lib/salesforce/jwt-assertion.ts do, as a standalone Node.js 18+ program (ES module): sign an RS256
 * assertion (iss, sub, aud, exp within 3 minutes), trade it for an access token, then run a query.
 * tests/integration/flow-snippets.test.ts runs both programs against the embedded org.
 */
import { bearerTokenAndQuery, SNIPPET_SOQL } from "./shared/snippet-parts"

/** Configuration and the signed assertion, shared word for word by both programs. */
const ASSERTION = `const loginUrl = process.env.SF_LOGIN_URL // your My Domain, or https://login.salesforce.com
const clientId = process.env.SF_CLIENT_ID // the app's consumer key
const username = process.env.SF_USERNAME // pre-authorized for the app, or approved it once
// The private key of the certificate uploaded to the app (PEM).
const privateKey = crypto.createPrivateKey(fs.readFileSync(process.env.SF_KEY_FILE))
// aud: https://login.salesforce.com (production, My Domain) or https://test.salesforce.com (sandbox).
const audience = process.env.SF_AUDIENCE ?? "https://login.salesforce.com"

// 1. The assertion: RS256 (the only algorithm Salesforce takes here), valid for 3 minutes.
const base64url = (json) => Buffer.from(JSON.stringify(json)).toString("base64url")
const now = Math.floor(Date.now() / 1000)
const claims = {
  iss: clientId,
  sub: username,
  aud: audience,
  exp: now + 180,
  iat: now,
  jti: crypto.randomUUID(), // unique: a replayed assertion is refused
}
const signed = \`\${base64url({ alg: "RS256", typ: "JWT" })}.\${base64url(claims)}\`
const assertion = \`\${signed}.\${crypto.sign("sha256", Buffer.from(signed), privateKey).toString("base64url")}\``

export const JWT_BEARER_FETCH_SNIPPET = `// JWT Bearer flow with plain fetch: node jwt-bearer.mjs
import crypto from "node:crypto"
import fs from "node:fs"

${ASSERTION}

${bearerTokenAndQuery(2, "urn:ietf:params:oauth:grant-type:jwt-bearer")}`

export const JWT_BEARER_JSFORCE_SNIPPET = `// JWT Bearer flow with jsforce 3: node jwt-bearer.mjs
// jsforce does not sign assertions: node:crypto does, and jsforce sends it and runs the query.
import crypto from "node:crypto"
import fs from "node:fs"
import jsforce from "jsforce"

${ASSERTION}

// 2. Trade it for an access token (no refresh token in this flow: sign a new assertion instead).
const conn = new jsforce.Connection({ oauth2: { loginUrl, clientId } })
await conn.authorize({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion })

// 3. Use it: a SOQL query on the instance the response names.
const { records } = await conn.query("${SNIPPET_SOQL}")
for (const account of records) console.log(\`\${account.Id} \${account.Name}\`)
`
