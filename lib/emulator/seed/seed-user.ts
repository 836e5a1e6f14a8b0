/** A user of the embedded org: the demo users (records.ts) and the opt-in load users (load-users.ts). */
export interface SeedUser {
  Id: string
  Username: string
  /** Demo password, shown on the login page: this org holds no real data. */
  password: string
  FirstName: string
  LastName: string
  Name: string
  Email: string
  /** The user's federation id (SAML and token exchange mapping), when it has one. */
  FederationIdentifier?: string
  /** When the user record was created (ISO 8601); demo users have none. */
  CreatedDate?: string
  IsActive: boolean
  /** May open the org settings page (the emulated Setup). */
  isAdmin: boolean
  /** Assigned to the connected app through a profile or permission set by default. */
  preauthorizedByDefault: boolean
  UserType: "Standard"
  LanguageLocaleKey: string
  LocaleSidKey: string
  TimeZoneSidKey: string
}
