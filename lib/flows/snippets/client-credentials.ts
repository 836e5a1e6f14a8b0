import type { ClientSecretVia } from "@/lib/salesforce/client"
import type { CodeSample } from "./code-sample"

/**
 * Node.js code that does what the site's Client Credentials flow does: one token request, then the
 * identity URL, which names the Run-As user. Secrets come from the environment, never the page.
 * tests/integration/server-flow-snippets.test.ts runs each one against a served org.
 */
export function clientCredentialsSnippets(loginUrl: string, via: ClientSecretVia): CodeSample[] {
  const url = JSON.stringify(loginUrl)
  const auth =
    via === "basic"
      ? `// HTTP Basic (client_secret_basic): key and secret, each form-encoded, joined by ":".
const basic = Buffer.from(
  \`\${encodeURIComponent(process.env.SF_CLIENT_ID)}:\${encodeURIComponent(process.env.SF_CLIENT_SECRET)}\`,
).toString("base64")
const res = await fetch(\`\${loginUrl}/services/oauth2/token\`, {
  method: "POST",
  headers: {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
    authorization: \`Basic \${basic}\`,
  },
  body: new URLSearchParams({ grant_type: "client_credentials" }),
})`
      : `// The secret in the body (client_secret_post).
const res = await fetch(\`\${loginUrl}/services/oauth2/token\`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
  body: new URLSearchParams({
    grant_type: "client_credentials",
    client_id: process.env.SF_CLIENT_ID,
    client_secret: process.env.SF_CLIENT_SECRET,
  }),
})`
  return [
    {
      id: "jsforce",
      code: `// npm install jsforce; run with SF_CLIENT_ID and SF_CLIENT_SECRET set.
import jsforce from "jsforce"

const conn = new jsforce.Connection({
  oauth2: {
    // Your My Domain: login.salesforce.com refuses this flow.
    loginUrl: process.env.SF_LOGIN_URL ?? ${url},
    clientId: process.env.SF_CLIENT_ID,
    clientSecret: process.env.SF_CLIENT_SECRET,
  },
})
// jsforce sends the secret in the body. No refresh token comes back: ask again when it expires.
await conn.authorize({ grant_type: "client_credentials" })
const me = await conn.identity()
console.log(JSON.stringify({ runAs: me.username, instanceUrl: conn.instanceUrl }))
`,
    },
    {
      id: "fetch",
      code: `// Node.js 18 or later; run with SF_CLIENT_ID and SF_CLIENT_SECRET set.
// Your My Domain: login.salesforce.com refuses this flow.
const loginUrl = process.env.SF_LOGIN_URL ?? ${url}
${auth}
const token = await res.json()
if (!res.ok) throw new Error(\`\${token.error}: \${token.error_description}\`)
// No refresh_token and no id_token: the identity URL names the Run-As user.
const id = await fetch(token.id, { headers: { authorization: \`Bearer \${token.access_token}\` } })
const me = await id.json()
console.log(JSON.stringify({ runAs: me.username, instanceUrl: token.instance_url }))
`,
    },
  ]
}
