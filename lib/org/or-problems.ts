import "server-only"
import { ConfigError } from "@/lib/config/errors"
import { orgConnection, type OrgConnection } from "./connection"

/** For pages: the org connection, or the configuration problems to show instead of a 500. */
export async function orgOrProblems(): Promise<
  { org: OrgConnection; problems?: undefined } | { org?: undefined; problems: string[] }
> {
  try {
    return { org: await orgConnection() }
  } catch (e) {
    if (e instanceof ConfigError) return { problems: e.problems }
    throw e
  }
}
