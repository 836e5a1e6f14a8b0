import type { Metadata } from "next"
import { PageLink } from "@/app/_components/page-link"
import { connection } from "next/server"
import "./globals.css"

export const metadata: Metadata = {
  title: "Salesforce OAuth Lab",
  description:
    "Run, understand and debug every way a Node.js application authenticates with Salesforce.",
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Render every page per request: Next.js puts proxy.ts's CSP nonce on its scripts only then
  // (a prerendered page would carry scripts without it, and the browser would block them).
  await connection()
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-blue-800 focus:outline-white"
        >
          Skip to main content
        </a>
        <header className="site-header flex flex-wrap items-center gap-x-6 gap-y-1 bg-[#032d60] px-6 py-3 text-white">
          <PageLink href="/" className="font-semibold">
            Salesforce OAuth Lab
          </PageLink>
          <nav aria-label="Site">
            <ul className="flex flex-wrap gap-4 text-sm">
              <li>
                <PageLink href="/inspector">Token inspector</PageLink>
              </li>
              <li>
                <PageLink href="/setup">Setup</PageLink>
              </li>
              <li>
                <PageLink href="/errors">Errors</PageLink>
              </li>
              <li>
                <PageLink href="/diagnose">Diagnose</PageLink>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-6 py-8 focus:outline-none">
          {children}
        </main>
      </body>
    </html>
  )
}
