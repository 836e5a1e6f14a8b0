/**
 * "Code to copy" for the SAML Bearer flow: what lib/flows/saml-bearer.ts and
 * lib/salesforce/saml-assertion.ts do, as a standalone Node.js 18+ program (ES module): build a
 * SAML 2.0 assertion (Issuer = consumer key, NameID = username, Audience = login server, Recipient =
 * token endpoint, 3 minutes), sign it with xml-crypto (enveloped, RSA-SHA256, exclusive c14n),
 * trade it for an access token, then run a query.
 * tests/integration/saml-bearer-snippets.test.ts runs both programs against the embedded org.
 */
import { bearerTokenAndQuery, SNIPPET_SOQL } from "./shared/snippet-parts"

/** Configuration and the signed assertion, shared word for word by both programs. */
const ASSERTION = `const loginUrl = process.env.SF_LOGIN_URL // your My Domain, or https://login.salesforce.com
const clientId = process.env.SF_CLIENT_ID // the app's consumer key
const username = process.env.SF_USERNAME // pre-authorized for the app, or approved it once
// The private key of the certificate uploaded to the app (PEM).
const privateKey = fs.readFileSync(process.env.SF_KEY_FILE, "utf8")
// Audience: https://login.salesforce.com (production, My Domain) or https://test.salesforce.com (sandbox).
const audience = process.env.SF_AUDIENCE ?? "https://login.salesforce.com"

// 1. The assertion, every value escaped, valid for 3 minutes.
const esc = (s) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
const iso = (ms) => new Date(ms).toISOString().replace(/\\.\\d{3}Z$/, "Z")
const now = Date.now()
const [issued, expires] = [iso(now), iso(now + 180_000)]
const id = \`_\${crypto.randomBytes(16).toString("hex")}\` // unique: a replayed assertion is refused
const saml = "urn:oasis:names:tc:SAML:2.0"
const xml =
  \`<saml:Assertion xmlns:saml="\${saml}:assertion" ID="\${id}" IssueInstant="\${issued}" Version="2.0">\` +
  \`<saml:Issuer>\${esc(clientId)}</saml:Issuer>\` +
  \`<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">\${esc(username)}</saml:NameID>\` +
  \`<saml:SubjectConfirmation Method="\${saml}:cm:bearer">\` +
  \`<saml:SubjectConfirmationData NotOnOrAfter="\${expires}" Recipient="\${esc(audience)}/services/oauth2/token"/>\` +
  \`</saml:SubjectConfirmation></saml:Subject>\` +
  \`<saml:Conditions NotBefore="\${issued}" NotOnOrAfter="\${expires}">\` +
  \`<saml:AudienceRestriction><saml:Audience>\${esc(audience)}</saml:Audience></saml:AudienceRestriction>\` +
  \`</saml:Conditions>\` +
  \`<saml:AuthnStatement AuthnInstant="\${issued}"><saml:AuthnContext>\` +
  \`<saml:AuthnContextClassRef>\${saml}:ac:classes:unspecified</saml:AuthnContextClassRef>\` +
  \`</saml:AuthnContext></saml:AuthnStatement></saml:Assertion>\`

// 2. Sign it: enveloped XML-DSig, RSA-SHA256 over exclusive canonicalization, after the Issuer.
const signer = new SignedXml({
  privateKey,
  signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
})
signer.addReference({
  xpath: "/*",
  transforms: [
    "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
    "http://www.w3.org/2001/10/xml-exc-c14n#",
  ],
  digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
})
signer.computeSignature(xml, {
  prefix: "ds",
  location: { reference: "/*/*[local-name(.)='Issuer']", action: "after" },
})
const assertion = Buffer.from(signer.getSignedXml()).toString("base64url")`

export const SAML_BEARER_FETCH_SNIPPET = `// SAML Bearer flow with plain fetch: npm install xml-crypto, then node saml-bearer.mjs
import crypto from "node:crypto"
import fs from "node:fs"
import { SignedXml } from "xml-crypto"

${ASSERTION}

${bearerTokenAndQuery(3, "urn:ietf:params:oauth:grant-type:saml2-bearer")}`

export const SAML_BEARER_JSFORCE_SNIPPET = `// SAML Bearer flow with jsforce 3: npm install jsforce xml-crypto, then node saml-bearer.mjs
// jsforce does not sign assertions: xml-crypto does, and jsforce sends it and runs the query.
import crypto from "node:crypto"
import fs from "node:fs"
import jsforce from "jsforce"
import { SignedXml } from "xml-crypto"

${ASSERTION}

// 3. Trade it for an access token (no refresh token in this flow: sign a new assertion instead).
const conn = new jsforce.Connection({ oauth2: { loginUrl, clientId } })
await conn.authorize({ grant_type: "urn:ietf:params:oauth:grant-type:saml2-bearer", assertion })

// 4. Use it: a SOQL query on the instance the response names.
const { records } = await conn.query("${SNIPPET_SOQL}")
for (const account of records) console.log(\`\${account.Id} \${account.Name}\`)
`
