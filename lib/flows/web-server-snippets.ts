import {
  SNIPPET_PENDING,
  SNIPPET_SIGNATURE,
  snippetConfig,
  snippetServer,
} from "./shared/snippet-parts"

/**
 * "Code to copy" for the Web Server flow: what lib/flows/web-server.ts does, as a tiny node:http
 * app (Node.js 18+, ES module). `/login` makes `state` and the PKCE verifier and sends the browser
 * to Salesforce; the callback checks `state` before anything else, redeems the code with the client
 * secret and the verifier, checks the response's `signature`, and reads the identity URL.
 * tests/integration/flow-snippets.test.ts runs both programs against the embedded org.
 */

const CONFIG = snippetConfig("api refresh_token", "the consumer secret: it never leaves the server")

/** `/login` and the callback, around the two steps each client library does its own way. */
const STEPS = `// 1. /login: a fresh state and PKCE verifier for this browser, then off to Salesforce.
function login(res) {
  const flow = { state: random(), verifier: random() }
  const challenge = crypto.createHash("sha256").update(flow.verifier).digest("base64url") // S256
  startSignIn(res, flow, authorizeUrl(flow.state, challenge))
}

// 2. The callback: state first (CSRF), then the code, the signature, and who signed in.
async function callback(req, res, query) {
  const flow = takeSignIn(req)
  if (!flow || query.get("state") !== flow.state)
    return reply(res, 400, "Unknown, expired or replayed callback: start again at /login")
  if (query.get("error"))
    return reply(res, 400, \`\${query.get("error")}: \${query.get("error_description")}\`)
  const tokens = await redeemCode(query.get("code"), flow.verifier)
  if (!signatureIsValid(tokens)) return reply(res, 400, "The token response's signature is wrong")
  const username = await whoSignedIn(tokens)
  // Keep the tokens on the server (your session store): the browser gets your own session cookie.
  console.log(\`Signed in as \${username}\`)
  reply(res, 200, \`Signed in as \${username}\`)
}

${SNIPPET_PENDING}

${SNIPPET_SIGNATURE}

${snippetServer(`      if (url.pathname === "/login") login(res)
      else if (url.pathname === callbackUrl.pathname) await callback(req, res, url.searchParams)`)}
`

export const WEB_SERVER_FETCH_SNIPPET = `// Web Server flow (authorization code + PKCE) with plain fetch: node web-server.mjs
import crypto from "node:crypto"
import http from "node:http"

${CONFIG}

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
  const res = await fetch(\`\${loginUrl}/services/oauth2/token\`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: clientId,
      client_secret: clientSecret,
    }),
  })
  const body = await res.json()
  if (!res.ok) throw new Error(\`\${body.error}: \${body.error_description}\`)
  return body
}

// The identity URL (the response's id, covered by the signature) says who signed in.
async function whoSignedIn(tokens) {
  const res = await fetch(tokens.id, {
    headers: { authorization: \`Bearer \${tokens.access_token}\` },
  })
  return (await res.json()).username
}

${STEPS}`

export const WEB_SERVER_JSFORCE_SNIPPET = `// Web Server flow (authorization code + PKCE) with jsforce 3: node web-server.mjs
import crypto from "node:crypto"
import http from "node:http"
import jsforce from "jsforce"

${CONFIG}

const oauth2 = new jsforce.OAuth2({ loginUrl, clientId, clientSecret, redirectUri })

// The verifier is made per browser and kept with its state, so it survives until the callback.
function authorizeUrl(state, challenge) {
  return oauth2.getAuthorizationUrl({
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  })
}

// requestToken adds grant_type, client_id, client_secret and redirect_uri; it throws Salesforce's error.
function redeemCode(code, verifier) {
  return oauth2.requestToken(code, { code_verifier: verifier })
}

async function whoSignedIn(tokens) {
  const conn = new jsforce.Connection({
    oauth2,
    instanceUrl: tokens.instance_url,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token, // jsforce refreshes the session with it when it expires
  })
  return (await conn.identity()).username
}

${STEPS}`
