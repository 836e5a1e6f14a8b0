import { handleEmulatorRequest } from "@/lib/emulator/site"

// The embedded org: every Salesforce path under /emulator goes to one framework-free handler.
export const dynamic = "force-dynamic"
export const runtime = "nodejs"

// Every method goes to the org, which answers the ones a path does not take as Salesforce does.
export const GET = handleEmulatorRequest
export const POST = handleEmulatorRequest
export const PUT = handleEmulatorRequest
export const PATCH = handleEmulatorRequest
export const DELETE = handleEmulatorRequest
export const OPTIONS = handleEmulatorRequest
