// @salesforce/core (the library behind the sf CLI) logs in with the JWT bearer flow, as
// `sf org login jwt` does, then queries. The user must be pre-authorized for the app.
// ORG_URL=http://127.0.0.1:3001 CLIENT_ID=3MVG… KEY_FILE=server.key ORG_USERNAME=admin@example.com \
//   node examples/sf-core-jwt.mjs
import { AuthInfo, Connection } from "@salesforce/core"

const authInfo = await AuthInfo.create({
  username: process.env.ORG_USERNAME,
  oauth2Options: {
    clientId: process.env.CLIENT_ID,
    loginUrl: process.env.ORG_URL,
    privateKeyFile: process.env.KEY_FILE,
  },
})
const { username, orgId, instanceUrl } = authInfo.getFields()
console.log(`Logged in as ${username} to org ${orgId} at ${instanceUrl}`)

const conn = await Connection.create({ authInfo })
const { records } = await conn.query("SELECT Name FROM Account LIMIT 3")
for (const r of records) console.log(`- ${r.Name}`)
