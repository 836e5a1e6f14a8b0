import { encode } from "uqr"

/**
 * A QR code drawn on the server as SVG (no script, no image request): one path of dark modules,
 * with the 4-module quiet zone the QR standard asks for, from the `uqr` encoder.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const { data, size } = encode(value, { ecc: "M", border: 4 })
  let d = ""
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`
    }),
  )
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      width={176}
      height={176}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      className="rounded border border-slate-300"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  )
}
