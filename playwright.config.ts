import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { defineConfig, devices } from "@playwright/test"

const PORT = Number(process.env.E2E_PORT ?? 3100)
export const SITE = `http://localhost:${PORT}`

// Every run gets a fresh embedded org: its own database, keys and app credentials.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-e2e-"))

export default defineConfig({
  testDir: "./tests/e2e",
  timeout: 30_000,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  use: {
    ...devices["Desktop Chrome"],
    baseURL: SITE,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: `${path.join("node_modules", ".bin", "next")} start -p ${PORT}`,
    url: `${SITE}/emulator/.well-known/openid-configuration`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NEXTAUTH_URL: SITE,
      SALESFORCE_LAB_DATA_DIR: process.env.E2E_DATA_DIR,
      SALESFORCE_LOGIN_URL: "",
      SALESFORCE_CLIENT_ID: "",
      SALESFORCE_CLIENT_SECRET: "",
      SALESFORCE_PRIVATE_KEY: "",
      SALESFORCE_PRIVATE_KEY_FILE: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
})
