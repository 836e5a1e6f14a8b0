/**
 * The seeded objects' schema: what describe answers and what the record writes check against. Field
 * names, types and labels are those of Salesforce's standard objects
 * (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_account.htm,
 * …/sforce_api_objects_contact.htm, …/sforce_api_objects_user.htm, …/sforce_api_objects_organization.htm);
 * each object carries only the fields the org seeds (docs/fidelity.md, F-108).
 */
export type FieldType =
  "id" | "string" | "picklist" | "email" | "reference" | "boolean" | "date" | "datetime"

export interface FieldDef {
  name: string
  label: string
  type: FieldType
  length: number
  nillable: boolean
  createable: boolean
  updateable: boolean
  /** Computed by the org from other fields (Contact.Name). */
  calculated?: boolean
  nameField?: boolean
  referenceTo?: string[]
  relationshipName?: string
  picklist?: string[]
}

export interface SObjectDef {
  name: string
  label: string
  labelPlural: string
  keyPrefix: string
  /** Records live in the org's database and the API may write them (Account, Contact). */
  writable: boolean
  fields: FieldDef[]
}

const id: FieldDef = {
  name: "Id",
  label: "Record ID",
  type: "id",
  length: 18,
  nillable: false,
  createable: false,
  updateable: false,
}
const text = (name: string, label: string, length: number, more: Partial<FieldDef> = {}) =>
  ({
    name,
    label,
    type: "string",
    length,
    nillable: true,
    createable: true,
    updateable: true,
    ...more,
  }) satisfies FieldDef
const readOnly = (f: FieldDef): FieldDef => ({ ...f, createable: false, updateable: false })

// prettier-ignore
const INDUSTRIES = ["Agriculture", "Apparel", "Banking", "Chemicals", "Communications", "Construction",
  "Consulting", "Education", "Electronics", "Energy", "Engineering", "Entertainment", "Environmental",
  "Finance", "Food & Beverage", "Government", "Healthcare", "Hospitality", "Insurance", "Machinery",
  "Manufacturing", "Media", "Not For Profit", "Recreation", "Retail", "Shipping", "Technology",
  "Telecommunications", "Transportation", "Utilities", "Other"]
// prettier-ignore
const ACCOUNT_TYPES = ["Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller",
  "Installation Partner", "Technology Partner", "Other"]

export const SOBJECTS: readonly SObjectDef[] = [
  {
    name: "Account",
    label: "Account",
    labelPlural: "Accounts",
    keyPrefix: "001",
    writable: true,
    fields: [
      id,
      text("Name", "Account Name", 255, { nillable: false, nameField: true }),
      text("Type", "Account Type", 255, { type: "picklist", picklist: ACCOUNT_TYPES }),
      text("Industry", "Industry", 255, { type: "picklist", picklist: INDUSTRIES }),
      text("BillingCity", "Billing City", 40),
    ],
  },
  {
    name: "Contact",
    label: "Contact",
    labelPlural: "Contacts",
    keyPrefix: "003",
    writable: true,
    fields: [
      id,
      text("FirstName", "First Name", 40),
      text("LastName", "Last Name", 80, { nillable: false }),
      readOnly(
        text("Name", "Full Name", 121, { nillable: false, calculated: true, nameField: true }),
      ),
      text("Email", "Email", 80, { type: "email" }),
      text("Title", "Title", 128),
      text("AccountId", "Account ID", 18, {
        type: "reference",
        referenceTo: ["Account"],
        relationshipName: "Account",
      }),
    ],
  },
  {
    name: "User",
    label: "User",
    labelPlural: "Users",
    keyPrefix: "005",
    writable: false,
    fields: [
      id,
      ...[
        text("Username", "Username", 80, { nillable: false }),
        text("Name", "Full Name", 121, { nillable: false, calculated: true, nameField: true }),
        text("FirstName", "First Name", 40),
        text("LastName", "Last Name", 80, { nillable: false }),
        text("Email", "Email", 128, { type: "email", nillable: false }),
        text("IsActive", "Active", 0, { type: "boolean", nillable: false }),
        text("FederationIdentifier", "Federation ID", 512),
        text("CreatedDate", "Created Date", 0, { type: "datetime" }),
        text("UserType", "User Type", 40, { type: "picklist", picklist: ["Standard"] }),
        text("LanguageLocaleKey", "Language", 40, { type: "picklist", nillable: false }),
        text("LocaleSidKey", "Locale", 40, { type: "picklist", nillable: false }),
        text("TimeZoneSidKey", "Time Zone", 40, { type: "picklist", nillable: false }),
      ].map(readOnly),
    ],
  },
  {
    name: "Organization",
    label: "Organization",
    labelPlural: "Organizations",
    keyPrefix: "00D",
    writable: false,
    fields: [
      id,
      ...[
        text("Name", "Name", 80, { nillable: false, nameField: true }),
        text("InstanceName", "Instance Name", 5),
        text("IsSandbox", "Is Sandbox", 0, { type: "boolean", nillable: false }),
        text("OrganizationType", "Edition", 40, { type: "picklist" }),
        text("NamespacePrefix", "Namespace Prefix", 15),
        text("TrialExpirationDate", "Trial Expiration Date", 0, { type: "date" }),
      ].map(readOnly),
    ],
  },
]

/** The object named `type` (case-insensitive, as Salesforce matches object names). */
export function sobjectDef(type: string): SObjectDef | undefined {
  const lower = type.toLowerCase()
  return SOBJECTS.find((o) => o.name.toLowerCase() === lower)
}

/** The field named `name` of `def` (case-insensitive). */
export function fieldDef(def: SObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase()
  return def.fields.find((f) => f.name.toLowerCase() === lower)
}
