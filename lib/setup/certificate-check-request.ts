import "server-only"
import { readLimitedBytes } from "@/lib/http/read-limited"
import { orgOrProblems } from "@/lib/org/or-problems"
import { sealCookie } from "@/lib/auth/sealed-cookie"
import type { Redirect } from "@/lib/http/respond"
import { CHECK_COOKIE, CHECK_MAX_AGE_S, CHECK_PURPOSE, MAX_CHECK_INPUT_BYTES, certificateTextFromBytes, checkCertificate, configuredKeyName, type CertificateCheck } from "./certificate-check"

const TOO_LARGE: CertificateCheck = {
  parsed: false,
  parseError: `The form was larger than ${MAX_CHECK_INPUT_BYTES / 1024} KB: a certificate is a few KB. Paste or upload server.crt alone.`,
  verdicts: [{ level: "fail", text: "Nothing was checked." }],
}

/** The uploaded file when one was chosen, else the pasted text. */
async function certificateText(body: Uint8Array, contentType: string): Promise<string> {
  const form = await new Response(body as BodyInit, { headers: { "content-type": contentType } }).formData().catch(() => undefined)
  const file = form?.get("file")
  if (file instanceof File && file.size > 0) return certificateTextFromBytes(new Uint8Array(await file.arrayBuffer()))
  const pasted = form?.get("pem")
  return typeof pasted === "string" ? pasted : ""
}

/**
 * The checker's POST: checks the certificate against the key the site signs with (the key never
 * leaves the server) and carries the result to /setup/keys in a sealed, one-minute cookie.
 */
export async function runCertificateCheckRequest(req: Request): Promise<Redirect> {
  const body = await readLimitedBytes(req, MAX_CHECK_INPUT_BYTES)
  let result = TOO_LARGE
  if (body) {
    const { org } = await orgOrProblems()
    result = await checkCertificate(await certificateText(body, req.headers.get("content-type") ?? ""), org?.privateKeyPem, { keyName: org ? configuredKeyName(org) : undefined })
  }
  return { location: "/setup/keys?checked=1#checker", cookies: [await sealCookie(CHECK_COOKIE, CHECK_PURPOSE, { result }, CHECK_MAX_AGE_S, "/setup/keys")] }
}
