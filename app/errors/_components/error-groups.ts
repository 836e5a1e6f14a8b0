import type { ErrorSource } from "@/lib/explain/catalogue-types"

/** The index's sections, in order; an entry is listed under the first source it names. */
export const GROUPS: { source: ErrorSource; title: string }[] = [
  { source: "JWT Bearer", title: "JWT Bearer" },
  { source: "SAML Bearer", title: "SAML Bearer" },
  { source: "Token Exchange", title: "Token Exchange and Asset Token" },
  { source: "Client Credentials", title: "Client Credentials" },
  { source: "Username-Password", title: "Username-Password (legacy)" },
  { source: "authorize", title: "Authorize endpoint (the redirect back to your app)" },
  { source: "token", title: "Token endpoint" },
  { source: "REST API", title: "REST API" },
  { source: "this site", title: "This site's own checks" },
]

export const groupSlug = (source: ErrorSource) => source.replace(/\W+/g, "-").toLowerCase()
