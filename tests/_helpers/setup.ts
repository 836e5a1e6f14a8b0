import { vi } from "vitest"

// `server-only` throws outside a React Server Components bundle; in tests every module is server code.
vi.mock("server-only", () => ({}))
