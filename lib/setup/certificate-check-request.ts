import "server-only"
import { z } from "zod"
import { orgOrProblems } from "@/lib/org/or-problems"
import { sealCookie } from "@/lib/auth/sealed-cookie"
import type { Redirect } from "@/lib/http/respond"
import {
  CHECK_COOKIE,
  CHECK_MAX_AGE_S,
  CHECK_PURPOSE,
  certificateTextFromBytes,
  checkCertificate,
  configuredKeyName,
  MAX_CHECK_INPUT_BYTES,
  unusableCertificate,
  type CertificateCheck,
} from "./certificate-check"

const TOO_LARGE: CertificateCheck = {
  parsed: false,
  parseError: `The form was larger than ${MAX_CHECK_INPUT_BYTES / 1024} KB: a certificate is a few KB. Paste or upload server.crt alone.`,
  verdicts: [{ level: "fail", text: "Nothing was checked." }],
}

/** The checker's form: an uploaded file, pasted PEM text, or neither (then the check says nothing was given). */
export const certificateCheckInputSchema = z.object({
  file: z.instanceof(File).optional().catch(undefined),
  pem: z.string().optional().catch(undefined),
})

/** The uploaded file when one was chosen, else the pasted text. */
async function certificateText(
  input: z.output<typeof certificateCheckInputSchema>,
): Promise<string> {
  if (input.file && input.file.size > 0)
    return certificateTextFromBytes(new Uint8Array(await input.file.arrayBuffer()))
  return input.pem ?? ""
}

/** The result travels to /setup/keys in a sealed, one-minute cookie. */
async function carry(result: CertificateCheck): Promise<Redirect> {
  return {
    location: "/setup/keys?checked=1#checker",
    cookies: [
      await sealCookie(CHECK_COOKIE, CHECK_PURPOSE, { result }, CHECK_MAX_AGE_S, "/setup/keys"),
    ],
  }
}

/** A form past MAX_CHECK_INPUT_BYTES: nothing is checked, and the page says why. */
export const certificateCheckTooLarge = (): Promise<Redirect> => carry(TOO_LARGE)

/**
 * The checker's POST: checks the certificate against the key the site signs with (the key never
 * leaves the server).
 */
export async function runCertificateCheckRequest(
  input: z.output<typeof certificateCheckInputSchema>,
): Promise<Redirect> {
  const { org } = await orgOrProblems()
  return carry(await checked(input, org?.privateKeyPem, org && configuredKeyName(org)))
}

/**
 * Whatever a certificate makes the checker throw is still an answer about that certificate, shown
 * on the page like any other refusal: never a 500, and never the error's text (docs/security.md
 * EF1, EF5, C-71). The log gets the error's name only, as the flows' unexpected errors do.
 */
async function checked(
  input: z.output<typeof certificateCheckInputSchema>,
  privateKeyPem: string | undefined,
  keyName: string | undefined,
): Promise<CertificateCheck> {
  try {
    return await checkCertificate(await certificateText(input), privateKeyPem, { keyName })
  } catch (e) {
    console.error(`[certificate check] unexpected ${e instanceof Error ? e.name : "error"}`)
    return unusableCertificate(
      "the checker could not read it. Check that it is the certificate file as openssl wrote it (server.crt), or make a new one above.",
    )
  }
}
