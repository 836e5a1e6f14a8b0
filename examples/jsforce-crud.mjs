// jsforce creates, reads, updates and deletes an Account in the embedded org.
// ORG_URL=http://127.0.0.1:3001 ACCESS_TOKEN=00D…!… node examples/jsforce-crud.mjs
import jsforce from "jsforce"

const conn = new jsforce.Connection({
  instanceUrl: process.env.ORG_URL,
  accessToken: process.env.ACCESS_TOKEN,
})
const accounts = conn.sobject("Account")

const { id } = await accounts.create({ Name: "Example Corp", Industry: "Technology" })
console.log(`Created ${id}`)
await accounts.update({ Id: id, BillingCity: "Lyon" })
const account = await accounts.retrieve(id)
console.log(`${account.Name} is in ${account.BillingCity}`)
await accounts.destroy(id)
console.log("Deleted")

const fields = (await accounts.describe()).fields.map((f) => f.name)
console.log(`Account fields: ${fields.join(", ")}`)
