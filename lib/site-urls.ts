/** The site's OAuth callback URLs: what the connected app must list (and the embedded org does). */
export function callbackUrls(siteUrl: string): string[] {
  return [`${siteUrl}/flows/web-server/callback`, `${siteUrl}/flows/user-agent/callback`]
}
