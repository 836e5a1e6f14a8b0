import type { CheckResult } from "@/lib/auth/session-types"

const STYLE: Record<CheckResult["status"], string> = {
  pass: "bg-green-100 text-green-900 border-green-700",
  fail: "bg-red-100 text-red-900 border-red-700",
  absent: "bg-slate-100 text-slate-800 border-slate-500",
}
const LABEL: Record<CheckResult["status"], string> = {
  pass: "pass",
  fail: "fail",
  absent: "not present",
}

/** One verification: a pass/fail badge, what was checked, and why it failed. */
export function Check({
  name,
  result,
  note,
}: {
  name: string
  result?: CheckResult
  note?: string
}) {
  if (!result) return null
  return (
    <li className="flex items-start gap-2">
      <span className={`rounded border px-2 text-sm font-semibold ${STYLE[result.status]}`}>
        {LABEL[result.status]}
      </span>
      <span>
        <strong>{name}</strong>
        {result.detail ? `: ${result.detail}` : ""}
        {note ? <span className="block text-sm text-slate-700">{note}</span> : null}
      </span>
    </li>
  )
}
