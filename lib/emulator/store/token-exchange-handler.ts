import {
  LAB_IDP_API_AUDIENCE,
  LAB_IDP_CLIENT_ID,
  LAB_TOKEN_HANDLER,
} from "@/lib/config/external-idp"
import type { Db } from "../db/open"

/** The `subject_token_type` values Salesforce takes (Auth.OAuth2TokenExchangeType, https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_enum_Auth_OAuth2TokenExchangeType.htm). */
export const TOKEN_TYPES = {
  access_token: "urn:ietf:params:oauth:token-type:access_token",
  id_token: "urn:ietf:params:oauth:token-type:id_token",
  jwt: "urn:ietf:params:oauth:token-type:jwt",
  refresh_token: "urn:ietf:params:oauth:token-type:refresh_token",
  saml2: "urn:ietf:params:oauth:token-type:saml2",
} as const
export type TokenTypeName = keyof typeof TOKEN_TYPES
/** The ones the embedded org's handler can validate: JWTs (a refresh token or SAML needs a callout). */
export const JWT_TOKEN_TYPES = ["access_token", "id_token", "jwt"] as const
export type JwtTokenType = (typeof JWT_TOKEN_TYPES)[number]

/** The user field a claim is matched against (docs/fidelity.md, F-233). */
export const MAP_BY = {
  email: { claim: "email", field: "Email" },
  "federation-id": { claim: "sub", field: "FederationIdentifier" },
  username: { claim: "preferred_username", field: "Username" },
} as const
export type MapBy = keyof typeof MAP_BY

/**
 * The embedded org's one token exchange handler: the OauthTokenExchangeHandler definition (its
 * developer name, the token types it supports, "Allow user creation"; https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_oauthtokenexchhandlerapp.htm)
 * and what its Apex class does (validateIncomingToken: the provider's JWKS, issuer and audience;
 * getUserForTokenSubject: which claim finds the user). The Apex class on /setup does the same.
 */
export interface TokenExchangeHandlerSettings {
  name: string
  accepts: Record<JwtTokenType, boolean>
  jwksUrl: string
  issuer: string
  /** Any one of these in `aud` passes (the id_token's is the client, the access token's the API). */
  audiences: string[]
  mapBy: MapBy
  createUsers: boolean
}

export function defaultHandlerSettings(
  idpIssuer: string | undefined,
): TokenExchangeHandlerSettings {
  const issuer = idpIssuer ?? "http://127.0.0.1:3003"
  return {
    name: LAB_TOKEN_HANDLER,
    // JWT off by default so the page can show the refusal of a type the handler does not take.
    accepts: { access_token: true, id_token: true, jwt: false },
    jwksUrl: `${issuer.replace(/\/+$/, "")}/jwks`,
    issuer,
    audiences: [LAB_IDP_CLIENT_ID, LAB_IDP_API_AUDIENCE],
    mapBy: "email",
    createUsers: false,
  }
}

// In the settings table, so "Reset the org" (store/reset.ts) restores the defaults.
const KEY = "token-exchange-handler"

export function getHandlerSettings(
  db: Db,
  idpIssuer: string | undefined,
): TokenExchangeHandlerSettings {
  const d = defaultHandlerSettings(idpIssuer)
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(KEY) as
    { value: string } | undefined
  if (!row) return d
  const s = JSON.parse(row.value) as Partial<TokenExchangeHandlerSettings>
  return {
    name: typeof s.name === "string" ? s.name : d.name,
    accepts: { ...d.accepts, ...s.accepts },
    jwksUrl: typeof s.jwksUrl === "string" ? s.jwksUrl : d.jwksUrl,
    issuer: typeof s.issuer === "string" ? s.issuer : d.issuer,
    audiences: Array.isArray(s.audiences) ? s.audiences.map(String) : d.audiences,
    mapBy: s.mapBy && s.mapBy in MAP_BY ? s.mapBy : d.mapBy,
    createUsers: s.createUsers === true,
  }
}

export function saveHandlerSettings(db: Db, s: TokenExchangeHandlerSettings): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(KEY, JSON.stringify(s))
}

/** Why a JWKS URL cannot be used, or undefined: http(s) only, no credentials in it. */
export function jwksUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return "The JWKS URL must be an absolute URL."
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return "The JWKS URL must be http or https."
  if (url.username || url.password) return "The JWKS URL must not carry credentials."
  return undefined
}
