/** One titled part of the inspector, reachable by its id and named by its heading. */
export function Section({
  id,
  title,
  children,
}: {
  id: string
  title: string
  children: React.ReactNode
}) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} className="mb-6">
      <h2 id={`${id}-h`} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}
