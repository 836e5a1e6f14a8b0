import { spawnSync } from "node:child_process"
import path from "node:path"
import { expect, it } from "vitest"

// docs/security.md, C-81: off loopback, `npm start` needs the operator passphrase. The refusal comes
// before the build and before anything listens, so this never binds a non-loopback address.

const root = path.join(__dirname, "..", "..")

it("C-81 npm start with HOST=0.0.0.0 and no LAB_ACCESS_PASSWORD refuses to start and says why", () => {
  const run = spawnSync(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, HOST: "0.0.0.0", PORT: "1", LAB_ACCESS_PASSWORD: "" },
  })
  expect(run.status).not.toBe(0)
  expect(run.status).not.toBeNull()
  expect(run.stderr).toContain("LAB_ACCESS_PASSWORD")
  expect(run.stderr).toContain("HOST=0.0.0.0")
  expect(run.stdout).not.toMatch(/Ready|Salesforce OAuth Lab:/)
})
