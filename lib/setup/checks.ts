import "server-only"
import { runJwtBearerCheck } from "./jwt-check"
import type { OrgConnection } from "@/lib/org/connection"
import { boundedText, MAX_BODY } from "@/lib/salesforce/http-exchange"
import type { SetupCheck } from "./setup-check"

const TIMEOUT_MS = 10_000
const LIMIT = `${MAX_BODY / 1024} KB`

/** An answer past the cap the site holds every answer from the login server to. */
class AnswerTooLong extends Error {
  readonly code = "ANSWER_TOO_LONG"
  constructor() {
    super(`the answer is longer than ${LIMIT}`)
    this.name = "AnswerTooLong"
  }
}

/**
 * The answer's text through the site's bounded reader, so a login URL that streams without end is
 * never held in memory (docs/security.md: every answer is bounded to 256 KB; a hostile server is an
 * actor). One byte past the cap is read, and bytes are counted as they pass (decoded text is not
 * the body's length), so a longer answer throws AnswerTooLong instead of being judged on its start.
 */
async function readAnswer(res: Response): Promise<string> {
  let bytes = 0
  const counted = res.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        bytes += chunk.byteLength
        out.enqueue(chunk)
      },
    }),
  )
  // A body that breaks off reads as empty, as it always has: the checks then say what they lack.
  const text = await boundedText(new Response(counted), MAX_BODY + 1).catch(() => "")
  if (bytes > MAX_BODY) throw new AnswerTooLong()
  return text
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

async function get(org: OrgConnection, url: string): Promise<Response> {
  return org.fetch(url, {
    method: "GET",
    redirect: "manual",
    headers: { accept: "application/json, text/html" },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  })
}

/** 1. The discovery document answers at the login URL with an issuer: the URL names a login server. */
async function discoveryCheck(org: OrgConnection): Promise<SetupCheck> {
  const name = "The login URL answers as a Salesforce login server"
  try {
    const res = await get(org, `${org.loginUrl}/.well-known/openid-configuration`)
    const doc = parseJson(await readAnswer(res)) as { issuer?: string } | null | undefined
    if (res.status === 200 && doc?.issuer)
      return { name, status: "pass", detail: `discovery document found; issuer ${doc.issuer}` }
    return {
      name,
      status: "fail",
      detail: `GET /.well-known/openid-configuration answered HTTP ${res.status} without an issuer`,
      fix: "Set SALESFORCE_LOGIN_URL to https://login.salesforce.com, https://test.salesforce.com or your My Domain URL.",
      entryId: "non-json-response",
    }
  } catch (e) {
    if (e instanceof AnswerTooLong)
      return {
        name,
        status: "fail",
        detail: `GET /.well-known/openid-configuration answered with a document longer than ${LIMIT}, the most the site reads of any answer (a login server's is a few KB)`,
        fix: "Set SALESFORCE_LOGIN_URL to https://login.salesforce.com, https://test.salesforce.com or your My Domain URL.",
        entryId: "non-json-response",
      }
    return {
      name,
      status: "fail",
      detail: `${org.loginUrl} could not be reached`,
      fix: "Check SALESFORCE_LOGIN_URL and the server's network access.",
      entryId: "network",
    }
  }
}

/**
 * 2. The consumer key is known, read from the authorize endpoint's answer without logging in:
 * a known key with a registered callback is sent on to the login page; an unknown key gets the
 * error page with `invalid_client_id`; a known key with an unregistered callback, `redirect_uri_mismatch`.
 */
async function consumerKeyCheck(org: OrgConnection, clientId: string): Promise<SetupCheck> {
  const name = "The consumer key is known and the callback URL registered"
  const q = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: org.callbacks.webServer,
    state: "setup-check",
  })
  try {
    const res = await get(org, `${org.loginUrl}/services/oauth2/authorize?${q}`)
    const location = res.headers.get("location") ?? ""
    const body = res.status >= 300 && res.status < 400 ? "" : await readAnswer(res)
    const said = `${location} ${body}`
    if (/invalid_client_id|client identifier invalid/i.test(said)) {
      return {
        name,
        status: "fail",
        detail: "Salesforce answered invalid_client_id: client identifier invalid",
        fix: "Copy the consumer key again (App Manager → the app → View → Manage Consumer Details); a new app takes 2–10 minutes to work.",
        entryId: "invalid-client-id",
      }
    }
    if (/redirect_uri_mismatch|redirect_uri must match/i.test(said)) {
      return {
        name,
        status: "fail",
        detail: `the key is known, but ${org.callbacks.webServer} is not a registered callback URL (redirect_uri_mismatch)`,
        fix: "Add the callback URLs above to the app (Edit → Callback URL).",
        entryId: "redirect-uri-mismatch",
      }
    }
    if (res.status >= 300 && res.status < 400 && !/[?#&]error=/.test(location))
      return {
        name,
        status: "pass",
        detail:
          "the authorize endpoint accepted the key and the callback and moved on to the login page",
      }
    return {
      name,
      status: "fail",
      detail: `unexpected answer from the authorize endpoint (HTTP ${res.status})`,
      fix: "Check SALESFORCE_LOGIN_URL and the consumer key.",
    }
  } catch (e) {
    if (e instanceof AnswerTooLong)
      return {
        name,
        status: "fail",
        detail: `the authorize endpoint answered with a page longer than ${LIMIT}, the most the site reads of any answer`,
        fix: "Check SALESFORCE_LOGIN_URL: it should be a Salesforce login server or your My Domain URL.",
      }
    return {
      name,
      status: "fail",
      detail: "the authorize endpoint could not be reached",
      entryId: "network",
    }
  }
}

/** Runs the safe live checks against the configured org (or the embedded one), in order. */
export async function runSetupChecks(
  org: OrgConnection,
  opts: { clientId?: string } = {},
): Promise<SetupCheck[]> {
  const clientId = opts.clientId?.trim() || org.clientId
  const discovery = await discoveryCheck(org)
  const key = await consumerKeyCheck(org, clientId)
  const jwt =
    key.status === "pass"
      ? await runJwtBearerCheck(org, clientId)
      : {
          name: "A JWT Bearer login for the configured user",
          status: "skip" as const,
          detail: "skipped until the consumer key check passes",
        }
  return [discovery, key, jwt]
}
