// jsforce against the embedded org: who am I, then every Account, in batches of 200.
// ORG_URL=http://127.0.0.1:3001 ACCESS_TOKEN=00D…!… node examples/jsforce-query.mjs
import jsforce from "jsforce"

const conn = new jsforce.Connection({
  instanceUrl: process.env.ORG_URL,
  accessToken: process.env.ACCESS_TOKEN,
})

const me = await conn.identity()
console.log(`Logged in as ${me.username}`)

// Past the batch size the org answers nextRecordsUrl; autoFetch follows it (queryMore).
const result = await conn.query("SELECT Id, Name FROM Account", {
  autoFetch: true,
  maxFetch: 10000,
  headers: { "Sforce-Query-Options": "batchSize=200" },
})
console.log(`${result.records.length} accounts`)
for (const account of result.records.slice(0, 3)) console.log(`- ${account.Name}`)
