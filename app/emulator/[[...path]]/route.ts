import { legacyEmulatorPath } from "@/lib/emulator/site"

// The embedded org used to answer here; it now has origins of its own (README, *The embedded org*).
export const dynamic = "force-dynamic"
export const runtime = "nodejs"

export const GET = legacyEmulatorPath
export const POST = legacyEmulatorPath
export const PUT = legacyEmulatorPath
export const PATCH = legacyEmulatorPath
export const DELETE = legacyEmulatorPath
export const OPTIONS = legacyEmulatorPath
