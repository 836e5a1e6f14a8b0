import { loginUrlProblem } from "./login-url"

/** The site's URL when `NEXTAUTH_URL` is not set (README, *Configuration*). */
export const DEFAULT_SITE_URL = "http://localhost:3000"

/**
 * The site's origin from `NEXTAUTH_URL`, or the default when it is unset or unusable (the config
 * check, lib/config/env.ts, reports an unusable one). Free of secrets, so `proxy.ts` can read it on
 * every request without the whole configuration.
 */
export function siteUrlFrom(nextAuthUrl: string | undefined): string {
  return nextAuthUrl && !loginUrlProblem(nextAuthUrl)
    ? new URL(nextAuthUrl).origin
    : DEFAULT_SITE_URL
}
