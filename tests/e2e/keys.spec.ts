import fs from "node:fs"
import path from "node:path"
import { expect, test, type Page } from "@playwright/test"
import { PKCS8_BEGIN } from "../_helpers/pem"

/** The certificate the embedded org registered for the site's app (test-only, server-side file). */
const embeddedCertificate = () =>
  fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, "connected-app", "server.crt"), "utf8")

async function check(page: Page, fill: () => Promise<void>) {
  await fill()
  await page.getByRole("button", { name: "Check certificate" }).click()
  await expect(page).toHaveURL(/\/setup\/keys\?checked=1#checker$/)
  await expect(page.getByRole("heading", { name: "Result" })).toBeVisible()
}
const paste = (page: Page, pem: string) =>
  check(page, () => page.getByLabel("Certificate (PEM)", { exact: true }).fill(pem))

test("generates a key and certificate in the browser: downloads offered, the private key in no request", async ({
  page,
}) => {
  const sent: string[] = []
  page.on("request", (r) => sent.push(`${r.url()}\n${r.postData() ?? ""}`))
  await page.goto("/setup/keys")
  await expect(page.getByRole("heading", { level: 1, name: "Keys and certificates" })).toBeVisible()
  await expect(page.getByText("The private key never leaves your browser.")).toBeVisible()

  await page.getByLabel("Common name (CN)").fill("e2e-keys")
  await page.getByLabel("Validity (days)").fill("30")
  await expect(
    page.getByText(
      'openssl req -x509 -newkey rsa:2048 -sha256 -nodes -keyout server.key -out server.crt -days 30 -subj "/CN=e2e-keys"',
    ),
  ).toBeVisible()
  await page.getByRole("button", { name: "Generate", exact: true }).click()
  await expect(page.getByRole("status")).toHaveText(
    "Generated a 2048-bit RSA key and a certificate for CN=e2e-keys, valid 30 days.",
  )
  const privateKey = await page.getByLabel(/^Private key \(server\.key\)/).inputValue()
  const certificate = await page.getByLabel(/^Certificate \(server\.crt\)/).inputValue()
  expect(privateKey.startsWith(`${PKCS8_BEGIN}\n`)).toBe(true)
  expect(certificate).toMatch(/^-----BEGIN CERTIFICATE-----\n/)

  for (const [name, content] of [
    ["server.key", privateKey],
    ["server.crt", certificate],
  ] as const) {
    const download = page.waitForEvent("download")
    await page.getByRole("link", { name: `Download ${name}` }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe(name)
    expect(fs.readFileSync(await file.path(), "utf8")).toBe(content)
  }

  // The generated certificate is not the configured key's: the checker says so, with the fix.
  await paste(page, certificate)
  await expect(page.getByText("does not match the embedded org's app key")).toBeVisible()
  await expect(
    page.getByText(
      /JWT Bearer will fail with invalid_grant \/ invalid assertion: upload the certificate made from your key, or point SALESFORCE_PRIVATE_KEY_FILE at the key of this certificate/,
    ),
  ).toBeVisible()
  await expect(page.getByRole("definition").filter({ hasText: /^e2e-keys$/ })).toBeVisible()

  const keyLines = privateKey.split("\n").filter((l) => l && !l.startsWith("-----"))
  const certLine = certificate.split("\n")[1]!
  // The listener did see the bodies: the certificate, which is meant to be sent, is in the checker's POST.
  expect(sent.some((s) => s.includes(certLine))).toBe(true)
  for (const s of sent)
    for (const line of keyLines) {
      expect(s).not.toContain(line)
      expect(s).not.toContain(encodeURIComponent(line))
    }
})

test("the embedded org's app certificate matches the configured key, pasted or uploaded", async ({
  page,
}) => {
  await page.goto("/setup/keys")
  await paste(page, embeddedCertificate())
  const verdict =
    "The certificate matches the embedded org's app key: Salesforce will verify assertions signed with the embedded org's app key using this certificate."
  await expect(page.getByText(verdict)).toBeVisible()
  await expect(page.getByRole("definition").filter({ hasText: /^RSA 2048$/ })).toBeVisible()
  await expect(page.getByText("fail", { exact: true })).toHaveCount(0)

  await page.goto("/setup/keys")
  await check(page, () =>
    page.getByLabel("Or upload server.crt").setInputFiles({
      name: "server.crt",
      mimeType: "application/x-x509-ca-cert",
      buffer: Buffer.from(embeddedCertificate()),
    }),
  )
  await expect(page.getByText(verdict)).toBeVisible()
})

test("a paste that is not a certificate gets a clear parse error, shown as text", async ({
  page,
}) => {
  await page.goto("/setup/keys")
  await paste(
    page,
    "-----BEGIN CERTIFICATE-----\n<img src=x onerror=alert(1)>\n-----END CERTIFICATE-----",
  )
  await expect(
    page.getByText(
      "The certificate block is damaged: the text between BEGIN and END is not base64.",
    ),
  ).toBeVisible()
  expect(await page.locator("img[src='x']").count()).toBe(0)
})

test("the check refuses a cross-site POST and a body over 64 KB", async ({ page, baseURL }) => {
  const evil = await page.request.post("/setup/keys/check", {
    headers: { origin: "https://evil.test" },
    multipart: { pem: embeddedCertificate() },
    maxRedirects: 0,
  })
  expect(evil.status()).toBe(403)
  const big = await page.request.post("/setup/keys/check", {
    headers: { origin: new URL(baseURL!).origin },
    multipart: { pem: "A".repeat(70 * 1024) },
    maxRedirects: 0,
  })
  expect(big.status()).toBe(303)
  // page.request shares the browser context's cookies: the sealed result set by the 303 is the page's too.
  await page.goto("/setup/keys?checked=1#checker")
  await expect(page.getByText(/The form was larger than 64 KB/)).toBeVisible()
})
