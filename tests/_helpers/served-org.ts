import fs from "node:fs"
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest"
import { createTestOrg, type TestOrg } from "./org"
import { serve } from "./serve"

type Served = { origin: string; close: () => Promise<void> }
type OrgOptions = NonNullable<Parameters<typeof createTestOrg>[0]>

/**
 * A fresh embedded org for each test, served on two loopback origins that stay the same for the
 * whole file: My Domain (the org's base URL) and the generic login host, as the "code to copy"
 * programs meet a real org. `perTest` adds options to each test's org (a callback URL on a fresh
 * port, say). Registers its own hooks; read the org as `s.t` inside tests.
 */
export function servedOrgPerTest(perTest: () => OrgOptions | Promise<OrgOptions> = () => ({})) {
  const s = {} as { myDomain: Served; loginHost: Served; t: TestOrg }
  beforeAll(async () => {
    // Late-bound: each test's org answers behind the same two sockets.
    s.myDomain = await serve((req) => s.t.org.handle(req))
    s.loginHost = await serve((req) => s.t.org.handle(req))
  })
  afterAll(async () => {
    await s.myDomain.close()
    await s.loginHost.close()
  })
  beforeEach(async () => {
    s.t = await createTestOrg({
      baseUrl: s.myDomain.origin,
      loginHostUrl: s.loginHost.origin,
      now: Date.now,
      ...(await perTest()),
    })
  })
  afterEach(() => {
    s.t.close()
    fs.rmSync(s.t.dataDir, { recursive: true, force: true })
  })
  return s
}
