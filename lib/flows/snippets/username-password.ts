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
      title: "Node.js with jsforce",
      code: `// npm install jsforce. Legacy: prefer the Client Credentials flow (see above).
import jsforce from "jsforce"

const conn = new jsforce.Connection({
  oauth2: {
    loginUrl: process.env.SALESFORCE_LOGIN_URL ?? ${url},
    clientId: process.env.SALESFORCE_CLIENT_ID,
    clientSecret: process.env.SALESFORCE_CLIENT_SECRET,
  },
})
// With a client id and secret, login() uses the OAuth username-password flow (not SOAP).
// Outside trusted IP ranges, append the security token to the password.
await conn.login(process.env.SALESFORCE_USERNAME, process.env.SALESFORCE_PASSWORD)
const me = await conn.identity()
console.log(JSON.stringify({ user: me.username, instanceUrl: conn.instanceUrl }))
`,
    },
    {
      id: "fetch",
      title: "Node.js with fetch",
      code: `// Node.js 18 or later. Legacy: prefer the Client Credentials flow (see above).
const loginUrl = process.env.SALESFORCE_LOGIN_URL ?? ${url}
const res = await fetch(\`\${loginUrl}/services/oauth2/token\`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
  body: new URLSearchParams({
    grant_type: "password",
    client_id: process.env.SALESFORCE_CLIENT_ID,
    client_secret: process.env.SALESFORCE_CLIENT_SECRET,
    username: process.env.SALESFORCE_USERNAME,
    // Outside trusted IP ranges: the password with the security token appended.
    password: process.env.SALESFORCE_PASSWORD,
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
