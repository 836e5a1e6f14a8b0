// @salesforce/core logs in with an existing access token, as `sf org login access-token` does (it
// asks userinfo who the token belongs to), then opens the org in a browser's way (`sf org open`).
// ORG_URL=http://127.0.0.1:3001 ACCESS_TOKEN=00D…!… node examples/sf-core-access-token.mjs
import { AuthInfo, Connection, Org } from "@salesforce/core"

const authInfo = await AuthInfo.create({
  accessTokenOptions: {
    accessToken: process.env.ACCESS_TOKEN,
    instanceUrl: process.env.ORG_URL,
    loginUrl: process.env.ORG_URL,
  },
})
await authInfo.save() // as the CLI does: ~/.sfdx/<username>.json
const { username, orgId } = authInfo.getFields()
console.log(`The token belongs to ${username} in org ${orgId}`)

const org = await Org.create({ connection: await Connection.create({ authInfo }) })
console.log(`Dev Hub: ${await org.determineIfDevHubOrg(true)}`)
// A one-time URL that opens a browser session for that user (needs the `web` scope).
console.log(`Open: ${await org.getFrontDoorUrl()}`)
