/**
 * "Code to copy" for the Token Exchange flow: what SalesforceClient.tokenExchange()
 * (lib/salesforce/client.ts) sends, as a standalone Node.js 18+ program (ES module): the external
 * provider's token the app already has, traded at the token endpoint (RFC 8693,
 * https://www.rfc-editor.org/rfc/rfc8693#section-2.1) for Salesforce's own, then who signed in.
 * tests/integration/token-exchange-snippets.test.ts runs both programs against the embedded org.
 */

/** Configuration and the exchange, shared word for word by both programs. */
const EXCHANGE = `const loginUrl = process.env.SF_LOGIN_URL // your My Domain
const clientId = process.env.SF_CLIENT_ID // the app's consumer key ("Enable Token Exchange Flow" on)
const clientSecret = process.env.SF_CLIENT_SECRET // the app's consumer secret
// The external provider's token your app already has (its id_token or access token), and its type.
const subjectToken = process.env.SF_SUBJECT_TOKEN
const subjectTokenType =
  process.env.SF_SUBJECT_TOKEN_TYPE ?? "urn:ietf:params:oauth:token-type:id_token"
// Optional: the token exchange handler's developer name (without it, the app's default handler).
const tokenHandler = process.env.SF_TOKEN_HANDLER

// 1. Trade it at the token endpoint: the org's handler validates it and maps its subject to a user.
const res = await fetch(\`\${loginUrl}/services/oauth2/token\`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
  body: new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: subjectToken,
    subject_token_type: subjectTokenType,
    ...(tokenHandler ? { token_handler: tokenHandler } : {}),
    client_id: clientId,
    client_secret: clientSecret,
  }),
})
const tokens = await res.json()
if (!res.ok) {
  // The handler's refusal comes back as error and error_description (e.g. invalid_request).
  console.error(\`Salesforce refused the exchange: \${tokens.error}: \${tokens.error_description}\`)
  process.exit(1)
}
console.log(\`issued_token_type: \${tokens.issued_token_type}\`)`

export const TOKEN_EXCHANGE_FETCH_SNIPPET = `// Token Exchange flow with plain fetch: node token-exchange.mjs
${EXCHANGE}

// 2. Use the access token: here, the identity URL says who signed in.
const me = await fetch(tokens.id, { headers: { authorization: \`Bearer \${tokens.access_token}\` } })
console.log(\`Signed in as \${(await me.json()).username}\`)
`

export const TOKEN_EXCHANGE_JSFORCE_SNIPPET = `// Token Exchange flow with jsforce 3: npm install jsforce, then node token-exchange.mjs
// jsforce has no call for the token exchange grant: fetch does the exchange, and jsforce's
// Connection takes the token it returns.
import jsforce from "jsforce"

${EXCHANGE}

// 2. jsforce takes it from here (and refreshes with the refresh token when the session expires).
const conn = new jsforce.Connection({
  oauth2: { loginUrl, clientId, clientSecret },
  instanceUrl: tokens.instance_url,
  accessToken: tokens.access_token,
  refreshToken: tokens.refresh_token,
})
const identity = await conn.identity()
console.log(\`Signed in as \${identity.username}\`)
`
