/** What the certificate checker answers (lib/setup/certificate-check.ts). */

/** One plain-language line of "what Salesforce will make of it". */
export interface Verdict {
  level: "pass" | "warn" | "fail" | "info"
  text: string
}

/** Whether the certificate's public key is the public half of the configured private key. */
export type KeyMatch = "match" | "mismatch" | "no-key" | "unreadable-key"

export type CertificateCheck =
  | { parsed: false; parseError: string; verdicts: Verdict[] }
  | {
      parsed: true
      subjectCn?: string
      subject: string
      selfSigned: boolean
      /** ISO 8601. */
      notBefore: string
      notAfter: string
      validity: "valid" | "expired" | "not-yet-valid"
      /** Whole days until notAfter (negative once expired). */
      daysLeft: number
      /** Node's asymmetricKeyType: "rsa", "rsa-pss", "ec", "ed25519"… */
      keyAlgorithm: string
      keySize?: number
      keyCurve?: string
      /** E.g. "RSA 2048" or "EC prime256v1". */
      keyLabel: string
      signatureAlgorithm: string
      sha256Fingerprint: string
      keyMatch: KeyMatch
      /** Certificates in the text after the first (which alone is checked). */
      extraCertificates: number
      verdicts: Verdict[]
    }
