// Assertion signing: the site's JWT Bearer assertion builder against the raw RS256 signature with the
// same KeyObject over the same signing input (what this machine can do at best), with the seed's
// approach (njwt, key file read from disk on every call) as a reference. Subjects run interleaved in
// short rounds, so a burst of load from elsewhere hits all of them alike.
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { jwtVerify } from "jose"
import njwt from "njwt"
import { importTs } from "./load-ts.mjs"
import { median, rotate } from "./stats.mjs"

const CLAIMS = {
  clientId: "3MVG9bench.consumer.key",
  username: "admin@example.com",
  audience: "http://127.0.0.1:3002",
}

/** Runs `fn` (sync or async) back to back for `ms` milliseconds; returns operations per second. */
async function opsPerSecond(fn, ms) {
  let n = 0
  const start = performance.now()
  let now = start
  while (now - start < ms) {
    await fn()
    n++
    now = performance.now()
  }
  return (n * 1000) / (now - start)
}

export async function benchSigning({ rounds = 25, roundMs = 200, warmupMs = 1500 } = {}) {
  const { planAssertion, signAssertion, privateKeyFor } = await importTs(
    "lib/salesforce/jwt-assertion.ts",
  )
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
  const pem = privateKey.export({ type: "pkcs8", format: "pem" })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-bench-key-"))
  const keyFile = path.join(dir, "server.key")
  fs.writeFileSync(keyFile, pem, { mode: 0o600 })

  try {
    // The builder's output must be a valid RS256 assertion, or its speed means nothing.
    const sample = await signAssertion(planAssertion(CLAIMS), pem)
    const { payload } = await jwtVerify(sample, publicKey, {
      algorithms: ["RS256"],
      audience: CLAIMS.audience,
      issuer: CLAIMS.clientId,
      subject: CLAIMS.username,
    })
    if (!payload.jti || payload.exp - payload.iat !== 180)
      throw new Error(`unexpected assertion claims: ${JSON.stringify(payload)}`)

    const key = privateKeyFor(pem) // the very KeyObject the builder signs with
    const signingInput = Buffer.from(sample.slice(0, sample.lastIndexOf(".")))
    const subjects = {
      builder: () => signAssertion(planAssertion(CLAIMS), pem),
      raw: () => crypto.sign("sha256", signingInput, key),
      seed: () => {
        const jwt = njwt.create(
          { iss: CLAIMS.clientId, sub: CLAIMS.username, aud: CLAIMS.audience },
          fs.readFileSync(keyFile),
          "RS256",
        )
        jwt.setExpiration(Date.now() + 180_000)
        return jwt.compact()
      },
    }
    const names = Object.keys(subjects)
    for (const name of names) await opsPerSecond(subjects[name], warmupMs / names.length)

    const perRound = Object.fromEntries(names.map((n) => [n, []]))
    const builderToRaw = []
    for (let r = 0; r < rounds; r++) {
      const got = {}
      for (const name of rotate(names, r)) got[name] = await opsPerSecond(subjects[name], roundMs)
      for (const name of names) perRound[name].push(got[name])
      builderToRaw.push(got.builder / got.raw)
    }
    const ops = Object.fromEntries(names.map((n) => [n, median(perRound[n])]))
    return { ops, ratio: median(builderToRaw), seedRatio: ops.seed / ops.raw, rounds, roundMs }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
