import { sameId } from "../ids"
import { ACCOUNTS, CONTACTS, ORG, USERS } from "../seed/records"
import type { SObjectTable } from "./soql-run"

/** The queryable objects. Users are exposed without the demo password and internal flags. */
export function sobjectTables(): SObjectTable[] {
  return [
    { name: "Account", records: ACCOUNTS },
    { name: "Contact", records: CONTACTS },
    {
      name: "User",
      records: USERS.map((u) => ({
        Id: u.Id,
        Username: u.Username,
        Name: u.Name,
        FirstName: u.FirstName,
        LastName: u.LastName,
        Email: u.Email,
        IsActive: u.IsActive,
        UserType: u.UserType,
        LanguageLocaleKey: u.LanguageLocaleKey,
        LocaleSidKey: u.LocaleSidKey,
        TimeZoneSidKey: u.TimeZoneSidKey,
      })),
    },
    { name: "Organization", records: [ORG] },
  ]
}

/** `GET /sobjects/{Type}/{Id}`: every field of one record, with its `attributes`. */
export function sobjectRecord(
  type: string,
  id: string,
  version: string,
): Record<string, unknown> | undefined {
  const table = sobjectTables().find((t) => t.name.toLowerCase() === type.toLowerCase())
  const record = table?.records.find(
    (r) => typeof r.Id === "string" && /^[a-zA-Z0-9]{15,18}$/.test(id) && sameId(r.Id, id),
  )
  if (!table || !record) return undefined
  return {
    attributes: {
      type: table.name,
      url: `/services/data/v${version}/sobjects/${table.name}/${record.Id}`,
    },
    ...record,
  }
}
