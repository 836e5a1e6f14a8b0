import { requestText, type TokenRequestPreview } from "@/lib/flows/shared/request-preview"

/** A back-channel request exactly as the site will send it, secrets as placeholders. */
export function RequestPreview({
  title,
  preview,
}: {
  title: string
  preview: TokenRequestPreview
}) {
  return (
    <figure className="defer-render my-3">
      <figcaption className="mb-1 font-semibold">{title}</figcaption>
      <pre
        tabIndex={0}
        aria-label={`${title}: the request`}
        className="overflow-x-auto rounded border border-slate-300 bg-slate-50 p-3 text-sm"
      >
        {requestText(preview)}
      </pre>
    </figure>
  )
}
