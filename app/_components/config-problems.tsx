/** Every configuration problem at once, named by variable, never showing a secret. */
export function ConfigProblems({ problems }: { problems: string[] }) {
  return (
    <div role="alert" className="rounded border border-red-700 bg-red-50 p-4">
      <h2 className="font-semibold">The configuration needs fixing</h2>
      <ul className="mt-2 list-disc pl-6">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        Set the variables in .env.local (see .env.example), then restart the site.
      </p>
    </div>
  )
}
