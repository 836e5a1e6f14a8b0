import type { CertificateCheck, Verdict } from "./certificate-types"

const day = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`

export type CertificateFacts = Omit<Extract<CertificateCheck, { parsed: true }>, "verdicts">

/** "What Salesforce will make of it": the key match first, as it is what breaks JWT Bearer most. */
export function verdictsFor(c: CertificateFacts, keyName: string): Verdict[] {
  const v: Verdict[] = []
  if (c.keyMatch === "match")
    v.push({
      level: "pass",
      text: `The certificate matches ${keyName}: Salesforce will verify assertions signed with ${keyName} using this certificate.`,
    })
  if (c.keyMatch === "mismatch")
    v.push({
      level: "fail",
      text: `The certificate does not match ${keyName}. JWT Bearer will fail with invalid_grant / invalid assertion: upload the certificate made from your key, or point SALESFORCE_PRIVATE_KEY_FILE at the key of this certificate.`,
    })
  if (c.keyMatch === "no-key")
    v.push({
      level: "info",
      text: "No private key is configured, so the match cannot be checked. Set SALESFORCE_PRIVATE_KEY_FILE=./server.key (the key this certificate was made from).",
    })
  if (c.keyMatch === "unreadable-key")
    v.push({
      level: "fail",
      text: `${keyName} cannot be read as a private key, so nothing can be signed with it. Set it to the PEM of the key this certificate was made from.`,
    })
  if (c.keyAlgorithm === "rsa" && (c.keySize ?? 0) >= 2048)
    v.push({
      level: "pass",
      text: `${c.keyLabel}-bit key: right for RS256, the only algorithm Salesforce accepts for JWT Bearer assertions.`,
    })
  else if (c.keyAlgorithm === "rsa")
    v.push({
      level: "fail",
      text: `${c.keyLabel}-bit key: too small. RS256 needs an RSA key of at least 2048 bits (jose refuses smaller ones too); make a new key with -newkey rsa:2048.`,
    })
  else
    v.push({
      level: "fail",
      text: `${c.keyLabel} key: Salesforce needs a plain RSA key for RS256, the only algorithm it accepts for JWT Bearer. Make an RSA key pair and certificate (openssl req -x509 -newkey rsa:2048 …).`,
    })
  const until = day(new Date(c.notAfter))
  if (c.validity === "expired")
    v.push({
      level: "fail",
      text: `Expired on ${until}: Salesforce rejects expired certificates for JWT Bearer. Renew it (openssl req -x509 -key server.key … makes a new certificate for the same key) and upload the new one.`,
    })
  else if (c.validity === "not-yet-valid")
    v.push({
      level: "fail",
      text: `Not valid before ${day(new Date(c.notBefore))}: Salesforce may refuse it until then. Check the clock of the machine that made it.`,
    })
  else if (c.daysLeft < 30)
    v.push({
      level: "warn",
      text: `Expires on ${until}, in ${c.daysLeft} days: renew it and upload the new certificate before then, or JWT Bearer stops working that day.`,
    })
  else v.push({ level: "pass", text: `In date until ${until} (${c.daysLeft} days left).` })
  if (/^(md5|sha1)/.test(c.signatureAlgorithm))
    v.push({
      level: "warn",
      text: `The certificate itself is signed with ${c.signatureAlgorithm}. Assertions are checked with its public key only, but tools increasingly refuse such certificates: regenerate with -sha256.`,
    })
  if (c.extraCertificates > 0)
    v.push({
      level: "info",
      text: `The text holds ${c.extraCertificates + 1} certificates; only the first was checked. The app takes a single certificate: upload that one.`,
    })
  return v
}
