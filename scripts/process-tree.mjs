// The processes a started server is made of, read from /proc (Linux), for memory and CPU figures.

/** The embedded org's process and its descendants, when startSite started one. */
export function orgPidsOf(fs, orgProcess) {
  return orgProcess ? [orgProcess.child.pid, ...childPids(fs, orgProcess.child.pid)] : []
}

/** The descendants of `pid` (next start forks its server). */
export function childPids(fs, pid) {
  const out = []
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const kids = fs
        .readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number)
      for (const k of kids) out.push(k, ...childPids(fs, k))
    }
  } catch {
    // Gone, or no /proc (not Linux): report what we have.
  }
  return out
}
