/** One request of the volume run. */
export interface VolumeRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: Uint8Array | string
  label: string
}

export interface VolumeResult {
  requests: number
  durationMs: number
  statuses: Map<number, number>
  /** Requests whose answer was not clear, or that failed at the socket, or timed out. */
  problems: string[]
  slowestMs: number
  latencies: number[]
}

/**
 * Sends `count` requests built by `make(i)` with `concurrency` in flight, stopping early at
 * `deadlineMs`; each answer is read in full and judged (a per-request timeout counts as a problem,
 * as a hang would be).
 */
export async function runVolume(opts: {
  baseUrl: string
  count: number
  concurrency: number
  deadlineMs: number
  timeoutMs: number
  make: (i: number) => VolumeRequest
  judge: (req: VolumeRequest, res: Response, body: string) => string | undefined
}): Promise<VolumeResult> {
  const statuses = new Map<number, number>()
  const problems: string[] = []
  const latencies: number[] = []
  const started = Date.now()
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < opts.count && Date.now() - started < opts.deadlineMs) {
      const req = opts.make(next++)
      const t0 = performance.now()
      try {
        const res = await fetch(
          /^https?:/.test(req.path) ? req.path : `${opts.baseUrl}${req.path}`,
          {
            method: req.method,
            headers: req.headers,
            body: req.body as BodyInit | undefined,
            redirect: "manual",
            signal: AbortSignal.timeout(opts.timeoutMs),
          },
        )
        const body = await res.text()
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        const why = opts.judge(req, res, body)
        if (why) problems.push(`${req.method} ${req.path.slice(0, 100)} [${req.label}]: ${why}`)
      } catch (e) {
        problems.push(
          `${req.method} ${req.path.slice(0, 100)} [${req.label}]: ${(e as Error).name}: ${(e as Error).message}`,
        )
      }
      latencies.push(performance.now() - t0)
      done++
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, worker))
  latencies.sort((a, b) => a - b)
  return {
    requests: done,
    durationMs: Date.now() - started,
    statuses,
    problems,
    slowestMs: latencies.at(-1) ?? 0,
    latencies,
  }
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

/** Two runs' figures as one (the volume test runs in halves to watch memory in between). */
export function mergeVolume(a: VolumeResult, b: VolumeResult): VolumeResult {
  const statuses = new Map(a.statuses)
  for (const [s, n] of b.statuses) statuses.set(s, (statuses.get(s) ?? 0) + n)
  const latencies = [...a.latencies, ...b.latencies].sort((x, y) => x - y)
  return {
    requests: a.requests + b.requests,
    durationMs: a.durationMs + b.durationMs,
    statuses,
    problems: [...a.problems, ...b.problems],
    slowestMs: latencies.at(-1) ?? 0,
    latencies,
  }
}
