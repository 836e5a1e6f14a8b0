import "server-only"
import NextAuth from "next-auth"
import { authOptions } from "./options"

/**
 * next-auth's App Router handler. next-auth 4 parses a JSON body itself and throws on a malformed
 * one; that is the client's mistake, so it gets a 400 instead of a 500.
 */
export async function nextAuthRoute(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  try {
    return await NextAuth(req as never, ctx as never, authOptions())
  } catch (e) {
    if (e instanceof SyntaxError || e instanceof TypeError) {
      return Response.json({ error: "invalid_request", error_description: "the request body is not valid for this endpoint" }, { status: 400 })
    }
    throw e
  }
}
