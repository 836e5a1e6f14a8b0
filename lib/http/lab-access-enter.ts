import "server-only"
import { z } from "zod"
import { getConfig } from "@/lib/config/env"
import {
  attemptsBlocked,
  labAccessSetCookie,
  labAccessSettings,
  labAccessValue,
  passphraseMatches,
  recordWrongAttempt,
} from "./lab-access"
import { postRoute } from "./post-route"
import { redirectResponse } from "./respond"
import { sameOriginRelativePath } from "./same-origin-path"

/** A wrong passphrase waits this long before its answer: with the rate limit, guessing stays slow. */
const WRONG_DELAY_MS = 500

const gateForm = z.object({
  passphrase: z.string().max(1024).catch(""),
  next: z.string().max(2048).catch("/"),
})

/** Back to the gate's page, saying why, keeping where the browser was going. */
function backToGate(error: "wrong" | "busy", next: string): Response {
  const q = new URLSearchParams({ error, next })
  return redirectResponse({ location: `/lab-access?${q}`, cookies: [] })
}

/**
 * Where a right passphrase goes: `next` when it stays on the site, else the chooser. The Location is
 * a bare path, so it must be one that still resolves to the site: `/.//evil.example` parses to the
 * path `//evil.example`, another host to the browser (docs/security.md, C-18, C-74).
 */
function destination(next: string): string {
  const path = sameOriginRelativePath(next, getConfig().siteUrl, "/")
  return path.startsWith("/lab-access") ? "/" : path
}

/** POST /lab-access/enter: the gate's form (docs/security.md, C-81). */
export const labAccessEnter = postRoute({
  form: gateForm,
  handle: async ({ passphrase, next }) => {
    const gate = labAccessSettings()
    if (!gate) return redirectResponse({ location: destination(next), cookies: [] })
    if (attemptsBlocked()) return backToGate("busy", next)
    if (!passphraseMatches(passphrase, gate.passphrase)) {
      recordWrongAttempt()
      await new Promise((r) => setTimeout(r, WRONG_DELAY_MS))
      return backToGate("wrong", next)
    }
    return redirectResponse({
      location: destination(next),
      cookies: [labAccessSetCookie(labAccessValue(gate.passphrase, gate.secret), gate.https)],
    })
  },
})
