/** A request's parameters, each with its value and why it is there. */
export function ParamsTable({
  caption,
  rows,
}: {
  caption: string
  rows: { name: string; value: string; why: string }[]
}) {
  // The wrapper, not the table, defers its rendering: Chromium applies no containment to a table
  // box, so content-visibility on the <table> itself did nothing (its cells stayed rendered
  // off-screen, checked with checkVisibility({ contentVisibilityAuto: true })).
  return (
    <div className="defer-render my-3">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="mb-1 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1 pr-3">
              Parameter
            </th>
            <th scope="col" className="py-1 pr-3">
              Value
            </th>
            <th scope="col" className="py-1">
              Why
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className="border-b border-slate-200 align-top">
              <td className="py-1 pr-3">
                <code>{r.name}</code>
              </td>
              <td className="py-1 pr-3 break-all">
                <code>{r.value}</code>
              </td>
              <td className="py-1">{r.why}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
