import type { ClientAuthMethod } from "@/lib/salesforce/client-auth"
import { SNIPPET_PENDING, SNIPPET_SIGNATURE, snippetServer } from "./shared/snippet-parts"
import {
  CLIENT_ASSERTION,
  config,
  FETCH_AUTH,
  JSFORCE_OAUTH2,
  JSFORCE_REDEEM,
  SIGNATURE_CHECK,
} from "./snippets/web-server-client-auth"

/**
 * "Code to copy" for the Web Server flow: what lib/flows/web-server.ts does, as a tiny node:http
 * app (Node.js 18+, ES module). `/login` makes `state` and the PKCE verifier and sends the browser
 * to Salesforce; the callback checks `state` before anything else, redeems the code with the client
 * secret and the verifier, checks the response's `signature`, and reads the identity URL.
 * The token request authenticates as the page's *Client authentication* says (lib/salesforce/client-auth.ts):
 * with the secret, with a private key JWT (RFC 7523 §2.2), or not at all (a public client, PKCE only).
 * tests/integration/flow-snippets.test.ts runs every program against the embedded org.
 */

/** `/login` and the callback, around the two steps each client library does its own way. */
const steps = (
  auth: ClientAuthMethod,
) => `// 1. /login: a fresh state and PKCE verifier for this browser, then off to Salesforce.
function login(res) {
  const flow = { state: random(), verifier: random() }
  const challenge = crypto.createHash("sha256").update(flow.verifier).digest("base64url") // S256
  startSignIn(res, flow, authorizeUrl(flow.state, challenge))
}

// 2. The callback: state first (CSRF), then the code, the response, and who signed in.
async function callback(req, res, query) {
  const flow = takeSignIn(req)
  if (!flow || query.get("state") !== flow.state)
    return reply(res, 400, "Unknown, expired or replayed callback: start again at /login")
  if (query.get("error"))
    return reply(res, 400, \`\${query.get("error")}: \${query.get("error_description")}\`)
  const tokens = await redeemCode(query.get("code"), flow.verifier)
${SIGNATURE_CHECK[auth]}  const username = await whoSignedIn(tokens)
  // Keep the tokens on the server (your session store): the browser gets your own session cookie.
  console.log(\`Signed in as \${username}\`)
  reply(res, 200, \`Signed in as \${username}\`)
}

${SNIPPET_PENDING}
${auth === "secret" ? `\n${SNIPPET_SIGNATURE}\n` : auth === "private-key-jwt" ? `\n${CLIENT_ASSERTION}\n` : ""}
${snippetServer(`      if (url.pathname === "/login") login(res)
      else if (url.pathname === callbackUrl.pathname) await callback(req, res, url.searchParams)`)}
`

const TITLE: Readonly<Record<ClientAuthMethod, string>> = {
  secret: "",
  "private-key-jwt": ", private key JWT client authentication",
  none: ", public client",
}

const imports = (auth: ClientAuthMethod) =>
  `import crypto from "node:crypto"${auth === "private-key-jwt" ? `\nimport fs from "node:fs"` : ""}
import http from "node:http"`

export const webServerFetchSnippet = (
  auth: ClientAuthMethod,
) => `// Web Server flow (authorization code + PKCE${TITLE[auth]}) with plain fetch: node web-server.mjs
${imports(auth)}

${config(auth)}
const tokenUrl = \`\${loginUrl}/services/oauth2/token\`

function authorizeUrl(state, challenge) {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  })
  return \`\${loginUrl}/services/oauth2/authorize?\${query}\`
}

async function redeemCode(code, verifier) {
  const res = await fetch(tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
${FETCH_AUTH[auth]}
    }),
  })
  const body = await res.json()
  if (!res.ok) throw new Error(\`\${body.error}: \${body.error_description}\`)
  return body
}

// The identity URL (the response's id) says who signed in.
async function whoSignedIn(tokens) {
  const res = await fetch(tokens.id, {
    headers: { authorization: \`Bearer \${tokens.access_token}\` },
  })
  return (await res.json()).username
}

${steps(auth)}`

export const webServerJsforceSnippet = (
  auth: ClientAuthMethod,
) => `// Web Server flow (authorization code + PKCE${TITLE[auth]}) with jsforce 3: node web-server.mjs
${imports(auth)}
import jsforce from "jsforce"

${config(auth)}

${JSFORCE_OAUTH2[auth]}

// The verifier is made per browser and kept with its state, so it survives until the callback.
function authorizeUrl(state, challenge) {
  return oauth2.getAuthorizationUrl({
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  })
}

${JSFORCE_REDEEM[auth]}

async function whoSignedIn(tokens) {
  const conn = new jsforce.Connection({
    oauth2,
    instanceUrl: tokens.instance_url,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token, // jsforce refreshes the session with it when it expires
  })
  return (await conn.identity()).username
}

${steps(auth)}`

export const WEB_SERVER_FETCH_SNIPPET = webServerFetchSnippet("secret")
export const WEB_SERVER_JSFORCE_SNIPPET = webServerJsforceSnippet("secret")
