/**
 * "Code to copy" for the Device flow: what the site does, as a standalone Node.js 18+ program
 * (ES module). The values come from the environment, so the text shown is the text a test runs
 * against the embedded org (tests/integration/device-snippets.test.ts).
 */

/** Steps 1 and 2 with plain `fetch`, shared word for word by both snippets. */
const DEVICE_STEPS = `const loginUrl = process.env.SF_LOGIN_URL // your My Domain, or https://login.salesforce.com
const clientId = process.env.SF_CLIENT_ID // the app's consumer key ("Enable for Device Flow" on)

async function tokenEndpoint(params) {
  const res = await fetch(\`\${loginUrl}/services/oauth2/token\`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(params),
  })
  return { ok: res.ok, body: await res.json() }
}

// 1. Ask for a device code (no device authorization endpoint: response_type at the token endpoint).
const start = await tokenEndpoint({
  response_type: "device_code",
  client_id: clientId,
  scope: "api refresh_token",
})
if (!start.ok) throw new Error(\`\${start.body.error}: \${start.body.error_description}\`)
const { device_code, user_code, verification_uri } = start.body
let interval = start.body.interval ?? 5
console.log(\`Open \${verification_uri} and enter the code \${user_code}\`)

// 2. Poll no faster than the interval until the person allows (or denies) access.
let tokens
while (!tokens) {
  await new Promise((resolve) => setTimeout(resolve, interval * 1000))
  const poll = await tokenEndpoint({ grant_type: "device", client_id: clientId, code: device_code })
  if (poll.ok) tokens = poll.body
  else if (poll.body.error === "slow_down") interval += 5
  else if (poll.body.error !== "authorization_pending")
    throw new Error(\`\${poll.body.error}: \${poll.body.error_description}\`)
}`

export const DEVICE_FETCH_SNIPPET = `${DEVICE_STEPS}

// 3. Use the access token: here, the identity URL says who signed in.
const me = await fetch(tokens.id, { headers: { authorization: \`Bearer \${tokens.access_token}\` } })
console.log(\`Signed in as \${(await me.json()).username}\`)
`

export const DEVICE_JSFORCE_SNIPPET = `// jsforce has no Device flow of its own: get the tokens with fetch, then hand them to jsforce.
import jsforce from "jsforce"

${DEVICE_STEPS}

// 3. jsforce takes it from here (and refreshes with the refresh token when the session expires).
const conn = new jsforce.Connection({
  oauth2: { loginUrl, clientId },
  instanceUrl: tokens.instance_url,
  accessToken: tokens.access_token,
  refreshToken: tokens.refresh_token,
})
const identity = await conn.identity()
console.log(\`Signed in as \${identity.username}\`)
`
