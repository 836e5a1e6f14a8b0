import { SOBJECTS, type FieldDef, type SObjectDef } from "./sobject-schema"

/**
 * The describe resources, in Salesforce's shapes: `GET /sobjects` (Describe Global),
 * `GET /sobjects/{Type}` (basic information) and `GET /sobjects/{Type}/describe`.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_basic_info.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 * The flags are the org's truth: Accounts and Contacts are writable, Users and the Organization
 * read-only (docs/fidelity.md, F-108).
 */
function objectSummary(def: SObjectDef, version: string): Record<string, unknown> {
  const base = `/services/data/v${version}/sobjects/${def.name}`
  const w = def.writable
  return {
    activateable: false,
    createable: w,
    custom: false,
    customSetting: false,
    deepCloneable: false,
    deletable: w,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: true,
    mergeable: w,
    mruEnabled: true,
    name: def.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: w,
    triggerable: w,
    undeletable: w,
    updateable: w,
    urls: {
      rowTemplate: `${base}/{ID}`,
      defaultValues: `${base}/defaultValues?recordTypeId&fields`,
      describe: `${base}/describe`,
      sobject: base,
    },
  }
}

const SOAP_TYPES: Readonly<Record<FieldDef["type"], string>> = {
  id: "tns:ID",
  reference: "tns:ID",
  string: "xsd:string",
  picklist: "xsd:string",
  email: "xsd:string",
  boolean: "xsd:boolean",
  date: "xsd:date",
  datetime: "xsd:dateTime",
}

function fieldDescribe(f: FieldDef): Record<string, unknown> {
  return {
    aggregatable: f.type !== "boolean",
    autoNumber: false,
    byteLength:
      f.type === "boolean" || f.type === "date" || f.type === "datetime" ? 0 : f.length * 3,
    calculated: !!f.calculated,
    caseSensitive: false,
    createable: f.createable,
    custom: false,
    defaultValue: f.type === "boolean" ? false : null,
    defaultedOnCreate: f.type === "id" || f.type === "boolean",
    digits: 0,
    externalId: false,
    filterable: true,
    groupable: true,
    idLookup: f.type === "id",
    label: f.label,
    length: f.length,
    name: f.name,
    nameField: !!f.nameField,
    nillable: f.nillable,
    picklistValues: (f.picklist ?? []).map((v) => ({
      active: true,
      defaultValue: false,
      label: v,
      validFor: null,
      value: v,
    })),
    precision: 0,
    referenceTo: f.referenceTo ?? [],
    relationshipName: f.relationshipName ?? null,
    restrictedPicklist: false,
    scale: 0,
    soapType: SOAP_TYPES[f.type],
    sortable: true,
    type: f.type,
    unique: false,
    updateable: f.updateable,
  }
}

export function describeGlobal(version: string): Record<string, unknown> {
  return {
    encoding: "UTF-8",
    maxBatchSize: 200,
    sobjects: SOBJECTS.map((d) => objectSummary(d, version)),
  }
}

export function basicInfo(def: SObjectDef, version: string): Record<string, unknown> {
  return { objectDescribe: objectSummary(def, version), recentItems: [] }
}

export function describeSObject(def: SObjectDef, version: string): Record<string, unknown> {
  return {
    ...objectSummary(def, version),
    childRelationships: [],
    fields: def.fields.map(fieldDescribe),
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [],
    supportedScopes: [{ label: "All " + def.labelPlural.toLowerCase(), name: "everything" }],
  }
}
