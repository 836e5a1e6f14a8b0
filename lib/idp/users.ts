/**
 * The lab identity provider's own users: people of "another company" whose tokens the Salesforce
 * org is asked to accept. Their claims are chosen to show each way the org's handler can map them:
 * ext-demo's email and subject match Dana Demo in the embedded org (by email, or by federation id,
 * lib/emulator/seed/records.ts), ext-new matches nobody (refused, unless the handler creates users).
 */
export interface IdpUser {
  sub: string
  username: string
  password: string
  email: string
  name: string
  givenName: string
  familyName: string
  /** What the login page says about the user. */
  note: string
}

export const IDP_USERS: readonly IdpUser[] = [
  {
    sub: "idp-user-1001",
    username: "ext-demo@idp.example",
    password: "ext1234",
    email: "demo@example.com",
    name: "Dana Demo",
    givenName: "Dana",
    familyName: "Demo",
    note: "email and subject match Dana Demo in the embedded org",
  },
  {
    sub: "idp-user-2002",
    username: "ext-new@idp.example",
    password: "ext1234",
    email: "new.person@idp.example",
    name: "Nia New",
    givenName: "Nia",
    familyName: "New",
    note: "matches no org user: refused, or created if the handler may create users",
  },
]

export function findIdpUser(username: string | null): IdpUser | undefined {
  const wanted = (username ?? "").trim().toLowerCase()
  return IDP_USERS.find((u) => u.username === wanted)
}
