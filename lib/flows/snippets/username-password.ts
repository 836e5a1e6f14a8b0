import type { CodeSample } from "./code-sample"

/**
 * Node.js code for the legacy username-password flow, as the site runs it. The username and
 * password come from the environment (for a migration test), never from the code. Run by
 * tests/integration/server-flow-snippets.test.ts against a served org.
 */
export function usernamePasswordSnippets(loginUrl: string): CodeSample[] {
  const url = JSON.stringify(loginUrl)
  return [
    {
      id: "jsforce",
      code: `// npm install jsforce. Legacy: prefer the Client Credentials flow (see above).
import jsforce from "jsforce"

const conn = new jsforce.Connection({
  oauth2: {
    loginUrl: process.env.SF_LOGIN_URL ?? ${url},
    clientId: process.env.SF_CLIENT_ID,
    clientSecret: process.env.SF_CLIENT_SECRET,
  },
})
// With a client id and secret, login() uses the OAuth username-password flow (not SOAP).
// Outside trusted IP ranges, append the security token to the password.
await conn.login(process.env.SF_USERNAME, process.env.SF_PASSWORD)
const me = await conn.identity()
console.log(JSON.stringify({ user: me.username, instanceUrl: conn.instanceUrl }))
`,
    },
    {
      id: "fetch",
      code: `// Node.js 18 or later. Legacy: prefer the Client Credentials flow (see above).
const loginUrl = process.env.SF_LOGIN_URL ?? ${url}
const res = await fetch(\`\${loginUrl}/services/oauth2/token\`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
  body: new URLSearchParams({
    grant_type: "password",
    client_id: process.env.SF_CLIENT_ID,
    client_secret: process.env.SF_CLIENT_SECRET,
    username: process.env.SF_USERNAME,
    // Outside trusted IP ranges: the password with the security token appended.
    password: process.env.SF_PASSWORD,
  }),
})
const token = await res.json()
if (!res.ok) throw new Error(\`\${token.error}: \${token.error_description}\`)
// No refresh_token: a new token needs the password again, one more reason to migrate.
const id = await fetch(token.id, { headers: { authorization: \`Bearer \${token.access_token}\` } })
const me = await id.json()
console.log(JSON.stringify({ user: me.username, instanceUrl: token.instance_url }))
`,
    },
  ]
}
