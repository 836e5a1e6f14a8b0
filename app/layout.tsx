import type { Metadata } from "next"
import Link from "next/link"
import { connection } from "next/server"
import "./globals.css"

export const metadata: Metadata = {
  title: "Salesforce OAuth Lab",
  description: "Run, understand and debug every way a Node.js application authenticates with Salesforce.",
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Render every page per request: Next.js puts proxy.ts's CSP nonce on its scripts only then
  // (a prerendered page would carry scripts without it, and the browser would block them).
  await connection()
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <header className="flex flex-wrap items-center gap-x-6 gap-y-1 bg-[#032d60] px-6 py-3 text-white">
          <Link href="/" className="font-semibold">
            Salesforce OAuth Lab
          </Link>
          <nav aria-label="Site">
            <ul className="flex flex-wrap gap-4 text-sm">
              <li>
                <Link href="/inspector">Token inspector</Link>
              </li>
              <li>
                <Link href="/setup">Setup</Link>
              </li>
              <li>
                <Link href="/errors">Errors</Link>
              </li>
            </ul>
          </nav>
        </header>
        <main className="mx-auto max-w-4xl px-6 py-8">{children}</main>
      </body>
    </html>
  )
}
