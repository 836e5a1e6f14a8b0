/** Salesforce's OAuth endpoints below a login URL (as in https://login.salesforce.com/.well-known/openid-configuration). */
export function endpointsFor(loginUrl: string) {
  const b = loginUrl.replace(/\/+$/, "")
  return {
    authorize: `${b}/services/oauth2/authorize`,
    token: `${b}/services/oauth2/token`,
    revoke: `${b}/services/oauth2/revoke`,
    introspect: `${b}/services/oauth2/introspect`,
    userinfo: `${b}/services/oauth2/userinfo`,
    jwks: `${b}/id/keys`,
    discovery: `${b}/.well-known/openid-configuration`,
  }
}

export type Endpoints = ReturnType<typeof endpointsFor>
