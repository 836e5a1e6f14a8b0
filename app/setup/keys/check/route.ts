import { orgOrProblems } from "@/lib/flows/org-or-problems"
import { forbidden, fromSameOrigin, redirectResponse } from "@/lib/flows/respond"
import { sealCookie } from "@/lib/flows/sealed-cookie"
import {
  CHECK_COOKIE,
  CHECK_MAX_AGE_S,
  CHECK_PURPOSE,
  MAX_CHECK_INPUT_BYTES,
  certificateTextFromBytes,
  checkCertificate,
  configuredKeyName,
  type CertificateCheck,
} from "@/lib/setup/certificate-check"

export const dynamic = "force-dynamic"

const TOO_LARGE: CertificateCheck = {
  parsed: false,
  parseError: `The form was larger than ${MAX_CHECK_INPUT_BYTES / 1024} KB: a certificate is a few KB. Paste or upload server.crt alone.`,
  verdicts: [{ level: "fail", text: "Nothing was checked." }],
}

/**
 * The body, or undefined past `limit` bytes: the declared length is checked first, and the stream
 * is cut off past the limit whatever it declared.
 */
async function readLimited(req: Request, limit: number): Promise<Uint8Array | undefined> {
  if (Number(req.headers.get("content-length") ?? 0) > limit) return undefined
  const reader = req.body?.getReader()
  if (!reader) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
  const body = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    body.set(c, at)
    at += c.byteLength
  }
  return body
}

/** The uploaded file when one was chosen, else the pasted text. */
async function certificateText(body: Uint8Array, contentType: string): Promise<string> {
  const form = await new Response(body as BodyInit, { headers: { "content-type": contentType } }).formData().catch(() => undefined)
  const file = form?.get("file")
  if (file instanceof File && file.size > 0) return certificateTextFromBytes(new Uint8Array(await file.arrayBuffer()))
  const pasted = form?.get("pem")
  return typeof pasted === "string" ? pasted : ""
}

/** Checks the certificate against the key the site signs with; the key itself never leaves the server. */
export async function POST(req: Request) {
  if (!fromSameOrigin(req)) return forbidden()
  const body = await readLimited(req, MAX_CHECK_INPUT_BYTES)
  let result = TOO_LARGE
  if (body) {
    const { org } = await orgOrProblems()
    result = checkCertificate(await certificateText(body, req.headers.get("content-type") ?? ""), org?.privateKeyPem, {
      keyName: org ? configuredKeyName(org) : undefined,
    })
  }
  const cookie = await sealCookie(CHECK_COOKIE, CHECK_PURPOSE, { result }, CHECK_MAX_AGE_S, "/setup/keys")
  return redirectResponse({ location: "/setup/keys?checked=1#checker", cookies: [cookie] })
}
