import "server-only"
import { headers } from "next/headers"
import { readSession } from "./session-cookie"
import type { LabSession } from "./session-types"

/** The signed-in session for a server component, or undefined. */
export async function currentSession(): Promise<LabSession | undefined> {
  return readSession((await headers()).get("cookie"))
}
