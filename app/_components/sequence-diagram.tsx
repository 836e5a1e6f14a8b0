/** One message of a sequence diagram, from one actor's lifeline to another's. */
export interface SequenceStep {
  from: number
  to: number
  label: string
  /** A browser redirect (dashed) rather than a direct request. */
  redirect?: boolean
}

const COL = 230
const TOP = 44
const ROW = 46

/**
 * A sequence diagram drawn on the server as SVG: no client-side diagram library, no script. Each
 * step is also listed as text for screen readers.
 */
export function SequenceDiagram({
  title,
  actors,
  steps,
}: {
  title: string
  actors: string[]
  steps: SequenceStep[]
}) {
  const width = COL * actors.length
  const height = TOP + ROW * steps.length + 24
  const x = (i: number) => COL / 2 + i * COL
  return (
    <figure className="my-4 overflow-x-auto rounded border border-slate-300 bg-white p-3">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby="seq-title"
        className="min-w-[560px] text-[12px]"
      >
        <title id="seq-title">{title}</title>
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#0b5cab" />
          </marker>
        </defs>
        {actors.map((a, i) => (
          <g key={a}>
            <rect x={x(i) - 90} y={4} width={180} height={26} rx={4} fill="#032d60" />
            <text x={x(i)} y={21} textAnchor="middle" fill="#fff" fontWeight={600}>
              {a}
            </text>
            <line
              x1={x(i)}
              y1={30}
              x2={x(i)}
              y2={height - 6}
              stroke="#94a3b8"
              strokeDasharray="4 4"
            />
          </g>
        ))}
        {steps.map((s, n) => {
          const y = TOP + 18 + n * ROW
          const self = s.from === s.to
          const x1 = x(s.from)
          const x2 = self ? x1 + 60 : x(s.to) + (s.to > s.from ? -6 : 6)
          const labelX = self ? x1 + 8 : (x1 + x2) / 2
          return (
            <g key={n}>
              <text x={labelX} y={y - 7} textAnchor={self ? "start" : "middle"} fill="#0f172a">
                {`${n + 1}. ${s.label}`}
              </text>
              {self ? (
                <path
                  d={`M ${x1} ${y} h 40 v 12 h -36`}
                  fill="none"
                  stroke="#0b5cab"
                  markerEnd="url(#arrow)"
                />
              ) : (
                <line
                  x1={x1}
                  y1={y}
                  x2={x2}
                  y2={y}
                  stroke="#0b5cab"
                  strokeWidth={1.5}
                  strokeDasharray={s.redirect ? "6 4" : undefined}
                  markerEnd="url(#arrow)"
                />
              )}
            </g>
          )
        })}
      </svg>
      <figcaption className="mt-2 text-sm text-slate-700">
        <ol className="list-decimal pl-6">
          {steps.map((s, n) => (
            <li key={n}>
              {actors[s.from]} → {actors[s.to]}: {s.label}
              {s.redirect ? " (browser redirect)" : ""}
            </li>
          ))}
        </ol>
      </figcaption>
    </figure>
  )
}
