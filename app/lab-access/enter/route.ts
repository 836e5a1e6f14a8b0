import { labAccessEnter } from "@/lib/http/lab-access-enter"

export const dynamic = "force-dynamic"

export const { POST, GET } = labAccessEnter
