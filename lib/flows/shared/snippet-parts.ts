/**
 * Pieces of the "Code to copy" programs that several flows share word for word: the Web Server and
 * User-Agent configuration, one-time sign-in bound to a browser cookie and check of the token
 * response's `signature`; the bearer flows' (JWT, SAML) token request and query. Each snippet is assembled from these into one standalone Node.js 18+
 * ES module, so the text a page shows is the text tests/integration/flow-snippets.test.ts runs.
 */

/** Configuration from the environment; `scope` differs by flow. */
export const snippetConfig = (
  scope: string,
  secretNote: string,
) => `const loginUrl = process.env.SF_LOGIN_URL // your My Domain, e.g. https://acme.my.salesforce.com
const clientId = process.env.SF_CLIENT_ID // the app's consumer key
const clientSecret = process.env.SF_CLIENT_SECRET // ${secretNote}
// A callback URL registered on the app, character for character; this program serves it.
const redirectUri = process.env.SF_REDIRECT_URI ?? "http://localhost:8080/oauth/callback"
const callbackUrl = new URL(redirectUri)
const scope = "${scope}"`

/**
 * A sign-in in progress belongs to one browser: a random HttpOnly cookie finds it, and it is used
 * once, whatever happens (a replayed callback finds nothing).
 */
export const SNIPPET_PENDING = `const random = () => crypto.randomBytes(32).toString("base64url") // 256 bits
const pending = new Map() // sign-ins in progress, by browser cookie
const FLOW_COOKIE = "sf_flow"

function startSignIn(res, flow, location) {
  const id = random()
  pending.set(id, flow)
  setTimeout(() => pending.delete(id), 10 * 60 * 1000).unref() // 10 minutes to log in
  res.writeHead(302, {
    location,
    "set-cookie": \`\${FLOW_COOKIE}=\${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600\`,
  })
  res.end()
}

/** The browser's sign-in in progress, taken out: it can be used once. */
function takeSignIn(req) {
  const id = new URLSearchParams((req.headers.cookie ?? "").replaceAll("; ", "&")).get(FLOW_COOKIE)
  const flow = pending.get(id)
  pending.delete(id)
  return flow
}

function reply(res, status, text) {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "set-cookie": \`\${FLOW_COOKIE}=; Path=/; Max-Age=0\`,
  })
  res.end(text)
}`

/** Salesforce's `signature`: Base64(HMAC-SHA256(client secret, id + issued_at)). */
export const SNIPPET_SIGNATURE = `// Salesforce signs the response: signature = Base64(HMAC-SHA256(client secret, id + issued_at)).
function signatureIsValid({ id, issued_at, signature }) {
  const expected = crypto
    .createHmac("sha256", clientSecret)
    .update(id + issued_at)
    .digest()
  const given = Buffer.from(signature ?? "", "base64")
  return given.length === expected.length && crypto.timingSafeEqual(given, expected)
}`

/** The node:http server: `/login` starts, `routes` handle the rest. */
export const snippetServer = (routes: string) => `http
  .createServer(async (req, res) => {
    const url = new URL(req.url, callbackUrl)
    try {
${routes}
      else reply(res, 404, "Open /login to sign in with Salesforce")
    } catch (e) {
      console.error(e)
      reply(res, 502, \`Sign-in failed: \${e.message}\`)
    }
  })
  .listen(Number(callbackUrl.port || 80), callbackUrl.hostname, () =>
    console.log(\`Open \${callbackUrl.origin}/login\`),
  )`

/** The query every bearer program runs once signed in. */
export const SNIPPET_SOQL = "SELECT Id, Name FROM Account LIMIT 5"

/**
 * The end of the bearer-assertion programs (JWT Bearer, SAML Bearer) with plain fetch: trade the
 * signed `assertion` for an access token with `grantType` (step `step`), then query (the next step).
 */
export const bearerTokenAndQuery = (
  step: number,
  grantType: string,
) => `// ${step}. Trade it for an access token (no refresh token in this flow: sign a new assertion instead).
const res = await fetch(\`\${loginUrl}/services/oauth2/token\`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
  body: new URLSearchParams({
    grant_type: "${grantType}",
    assertion,
  }),
})
const tokens = await res.json()
if (!res.ok) throw new Error(\`\${tokens.error}: \${tokens.error_description}\`)

// ${step + 1}. Use it: a SOQL query on the instance the response names.
const query = new URLSearchParams({ q: "${SNIPPET_SOQL}" })
const answer = await fetch(\`\${tokens.instance_url}/services/data/v62.0/query?\${query}\`, {
  headers: { authorization: \`Bearer \${tokens.access_token}\` },
})
const { records } = await answer.json()
for (const account of records) console.log(\`\${account.Id} \${account.Name}\`)
`
