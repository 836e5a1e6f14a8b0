/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // better-sqlite3 is a native addon: it must be required at run time, never bundled.
  serverExternalPackages: ["better-sqlite3", "@peculiar/x509", "reflect-metadata", "tsyringe"],
  // The build checks the app's own code; `npm test` type-checks everything, tests included, and
  // then builds with LAB_TYPECHECKED=1 (only once its own typecheck passed), so the build does not
  // check the same tree a second time.
  typescript: {
    tsconfigPath: "tsconfig.build.json",
    ignoreBuildErrors: process.env.LAB_TYPECHECKED === "1",
  },
  async headers() {
    return [
      {
        // Every response of the site but the embedded org's, which sets its own (lib/emulator/http-headers.ts).
        // The per-request Content-Security-Policy (with its nonce) and HSTS come from proxy.ts.
        source: "/:path((?!emulator(?:/|$)).*)",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // No Referer ever leaves the site (C-21). Not `no-referrer` here: with it, browsers send
          // `Origin: null` on the site's own form posts, and the flows check Origin (C-30, C-61).
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
          },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        // The callbacks' URLs hold a code and state, or (User-Agent) a token in the fragment:
        // not even the site's own pages get them as Referer (C-21). Listed last: it overrides.
        source: "/flows/:flow(web-server|user-agent)/callback",
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      },
    ]
  },
}
