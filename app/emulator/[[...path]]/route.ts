import { handleEmulatorRequest } from "@/lib/emulator/site"

// The embedded org: every Salesforce path under /emulator goes to one framework-free handler.
export const dynamic = "force-dynamic"
export const runtime = "nodejs"

export const GET = handleEmulatorRequest
export const POST = handleEmulatorRequest
