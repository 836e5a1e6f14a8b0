/** What each scope lets the token do, in Salesforce's words (the consent page's). */
export const SCOPE_MEANINGS: Readonly<Record<string, string>> = {
  api: "Manage user data via APIs: REST, SOAP, Bulk and the other APIs",
  web: "Manage user data via Web browsers (frontdoor.jsp, Visualforce)",
  full: "Full access: everything the user can do, including api and web",
  refresh_token:
    "Perform requests at any time: a refresh token is issued, and JWT Bearer counts this approval",
  offline_access: "Perform requests at any time (same as refresh_token)",
  openid: "Access unique user identifiers: an id_token is issued",
  id: "Access the identity URL service",
  profile: "Access the identity URL service: name and profile claims",
  email: "Access the identity URL service: email claims",
  address: "Access the identity URL service: address claims",
  phone: "Access the identity URL service: phone claims",
  chatter_api: "Access Connect REST API resources",
  visualforce: "Access Visualforce applications",
  custom_permissions: "Access custom permissions",
}
