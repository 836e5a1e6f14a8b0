import {
  SNIPPET_PENDING,
  SNIPPET_SIGNATURE,
  snippetConfig,
  snippetServer,
} from "./shared/snippet-parts"

/**
 * "Code to copy" for the User-Agent flow: what lib/flows/user-agent.ts and the callback page do, as
 * a tiny node:http app (Node.js 18+, ES module). `/login` sends the browser to Salesforce with
 * `response_type=token`; the callback page (the small script in CALLBACK_PAGE) reads the fragment,
 * clears it from the address bar and posts it to `/oauth/complete`; the server trusts nothing in it
 * until it has checked `state`, the `signature`, the instance URL and introspection.
 * tests/integration/flow-snippets.test.ts runs both programs, and the page's script, against the
 * embedded org.
 */

const CONFIG = snippetConfig(
  "api",
  "the consumer secret: the server proves the token with it, and it never reaches the browser",
)

/** Everything but the last step: jsforce has no call for an implicit grant or introspection. */
const STEPS = `// The callback page: only the browser can read the fragment. The script takes the token out of
// the address bar at once (history, screen) and hands the fragment to the server.
const CALLBACK_PAGE = \`<!doctype html>
<html lang="en">
<meta charset="utf-8" />
<title>Signing in</title>
<p id="status">Signing in…</p>
<script>
  const fragment = Object.fromEntries(new URLSearchParams(location.hash.slice(1)))
  history.replaceState(null, "", location.pathname)
  fetch("/oauth/complete", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fragment),
  })
    .then((res) => res.text())
    .then((text) => (document.getElementById("status").textContent = text))
</script>
</html>\`

// 1. /login: a fresh state for this browser, then off to Salesforce for a token.
function login(res) {
  const flow = { state: random() }
  const query = new URLSearchParams({
    response_type: "token",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state: flow.state,
  })
  startSignIn(res, flow, \`\${loginUrl}/services/oauth2/authorize?\${query}\`)
}

// 2. The token came through the browser: prove it before using it.
async function complete(req, res) {
  const flow = takeSignIn(req)
  const fragment = JSON.parse(await readBody(req))
  if (!flow || fragment.state !== flow.state)
    return reply(res, 400, "Unknown, expired or replayed sign-in: start again at /login")
  if (fragment.error) return reply(res, 400, \`\${fragment.error}: \${fragment.error_description}\`)
  if (!signatureIsValid(fragment)) return reply(res, 400, "The response's signature is wrong")
  // instance_url is not signed: accept only your own My Domain.
  if (new URL(fragment.instance_url).origin !== new URL(loginUrl).origin)
    return reply(res, 400, "The instance URL is not your org's")
  const info = await introspect(fragment.access_token)
  if (!info.active || info.client_id !== clientId || info.sub !== fragment.id)
    return reply(res, 400, "The token is not active, or not this app's, or not this user's")
  const username = await whoSignedIn(fragment)
  console.log(\`Signed in as \${username}\`)
  reply(res, 200, \`Signed in as \${username}\`)
}

// Introspection (RFC 7662): is the token active, and whose is it? The app authenticates with its secret.
async function introspect(token) {
  const res = await fetch(\`\${loginUrl}/services/oauth2/introspect\`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      token,
      token_type_hint: "access_token",
      client_id: clientId,
      client_secret: clientSecret,
    }),
  })
  if (!res.ok) throw new Error(\`introspection answered HTTP \${res.status}\`)
  return res.json()
}

async function readBody(req) {
  let body = ""
  for await (const chunk of req) {
    body += chunk
    if (body.length > 32 * 1024) throw new Error("the fragment is too long")
  }
  return body
}

${SNIPPET_PENDING}

${SNIPPET_SIGNATURE}

${snippetServer(`      if (url.pathname === "/login") login(res)
      else if (url.pathname === callbackUrl.pathname) page(res)
      else if (url.pathname === "/oauth/complete" && req.method === "POST") await complete(req, res)`)}

function page(res) {
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "referrer-policy": "no-referrer", // the fragment never leaves in a Referer
    "cache-control": "no-store",
  })
  res.end(CALLBACK_PAGE)
}
`

export const USER_AGENT_FETCH_SNIPPET = `// User-Agent flow (response_type=token) with plain fetch: node user-agent.mjs
import crypto from "node:crypto"
import http from "node:http"

${CONFIG}

// 3. Once proven: the identity URL (the response's id, covered by the signature) says who it is.
async function whoSignedIn(fragment) {
  const res = await fetch(fragment.id, {
    headers: { authorization: \`Bearer \${fragment.access_token}\` },
  })
  return (await res.json()).username
}

${STEPS}`

export const USER_AGENT_JSFORCE_SNIPPET = `// User-Agent flow (response_type=token) with jsforce 3: node user-agent.mjs
// jsforce's getAuthorizationUrl always asks for a code, and it has no introspection call: those
// steps use fetch, and jsforce takes over once the token is proven.
import crypto from "node:crypto"
import http from "node:http"
import jsforce from "jsforce"

${CONFIG}

// 3. Once proven: a jsforce Connection on the token (no refresh token: the scope asks for none).
async function whoSignedIn(fragment) {
  const conn = new jsforce.Connection({
    instanceUrl: fragment.instance_url,
    accessToken: fragment.access_token,
  })
  return (await conn.identity()).username
}

${STEPS}`
