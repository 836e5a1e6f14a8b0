/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // better-sqlite3 is a native addon: it must be required at run time, never bundled.
  serverExternalPackages: ["better-sqlite3", "@peculiar/x509", "reflect-metadata", "tsyringe"],
  // The build checks the app's own code; `npm test` type-checks everything, tests included.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [
      // The User-Agent callback's URL held a token in its fragment: never send it on (issue 3, C-xx).
      { source: "/flows/user-agent/callback", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ]
  },
}
