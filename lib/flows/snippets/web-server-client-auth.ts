import type { ClientAuthMethod } from "@/lib/salesforce/client-auth"
import { snippetConfig } from "../shared/snippet-parts"

/**
 * The parts of the Web Server flow's code to copy (lib/flows/web-server-snippets.ts) that follow the
 * page's *Client authentication*: the configuration, what the token request carries, and whether
 * the program can check Salesforce's `signature` (only with the secret). RFC 7523 §2.2 for the
 * client assertion; "Require Secret for Web Server Flow" for the public client
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5).
 */

const SECRET_NOTE = "the consumer secret: it never leaves the server"

/** The configuration block: a public client has no secret; a private key JWT client has a key instead. */
export function config(auth: ClientAuthMethod): string {
  const base = snippetConfig("api refresh_token", SECRET_NOTE)
  if (auth === "secret") return base
  const withoutSecret = base
    .split("\n")
    .filter((line) => !line.startsWith("const clientSecret"))
    .join("\n")
  if (auth === "none")
    return `${withoutSecret}
// A public client keeps no secret: "Require Secret for Web Server Flow" is off on the app, and PKCE
// alone proves that whoever redeems the code started the sign-in.`
  return `${withoutSecret}
// The private key of the certificate uploaded to the app (PEM): it signs the client assertion.
const privateKey = crypto.createPrivateKey(fs.readFileSync(process.env.SF_KEY_FILE))`
}

/** What the token request carries to authenticate the client, as fetch body fields. */
export const FETCH_AUTH: Readonly<Record<ClientAuthMethod, string>> = {
  secret: `      client_id: clientId,
      client_secret: clientSecret,`,
  none: `      client_id: clientId, // and no secret: a public client`,
  "private-key-jwt": `      client_id: clientId,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: clientAssertion(tokenUrl),`,
}

/** RFC 7523 §3: a short-lived JWT, iss = sub = the consumer key, aud = the token endpoint, unique jti. */
export const CLIENT_ASSERTION = `// The client assertion (RFC 7523): signed with the app's key, valid for 3 minutes, used once.
function clientAssertion(audience) {
  const base64url = (json) => Buffer.from(JSON.stringify(json)).toString("base64url")
  const now = Math.floor(Date.now() / 1000)
  const claims = { iss: clientId, sub: clientId, aud: audience, exp: now + 180, jti: random() }
  const signed = \`\${base64url({ alg: "RS256", typ: "JWT" })}.\${base64url(claims)}\`
  return \`\${signed}.\${crypto.sign("sha256", Buffer.from(signed), privateKey).toString("base64url")}\`
}`

/** Only a client holding the secret can check Salesforce's `signature` over the response. */
export const SIGNATURE_CHECK: Readonly<Record<ClientAuthMethod, string>> = {
  secret: `  if (!signatureIsValid(tokens)) return reply(res, 400, "The token response's signature is wrong")
`,
  none: `  // No secret, so no \`signature\` to check: the response came straight from the token endpoint over TLS.
`,
  "private-key-jwt": `  // Salesforce signs the response with the consumer secret, which this program does not hold: the
  // response came straight from the token endpoint over TLS, in answer to the signed assertion.
`,
}

/** jsforce's OAuth2 sends the secret when it has one; the other two methods go in requestToken's params. */
export const JSFORCE_OAUTH2: Readonly<Record<ClientAuthMethod, string>> = {
  secret: "const oauth2 = new jsforce.OAuth2({ loginUrl, clientId, clientSecret, redirectUri })",
  none: "const oauth2 = new jsforce.OAuth2({ loginUrl, clientId, redirectUri }) // no secret: a public client",
  "private-key-jwt":
    "const oauth2 = new jsforce.OAuth2({ loginUrl, clientId, redirectUri }) // no secret: the assertion instead",
}

export const JSFORCE_REDEEM: Readonly<Record<ClientAuthMethod, string>> = {
  secret: `// requestToken adds grant_type, client_id, client_secret and redirect_uri; it throws Salesforce's error.
function redeemCode(code, verifier) {
  return oauth2.requestToken(code, { code_verifier: verifier })
}`,
  none: `// requestToken adds grant_type, client_id and redirect_uri; it throws Salesforce's error.
function redeemCode(code, verifier) {
  return oauth2.requestToken(code, { code_verifier: verifier })
}`,
  "private-key-jwt": `// requestToken adds grant_type, client_id and redirect_uri; the signed assertion rides along.
function redeemCode(code, verifier) {
  return oauth2.requestToken(code, {
    code_verifier: verifier,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: clientAssertion(\`\${loginUrl}/services/oauth2/token\`),
  })
}`,
}
