/** The *Start* button: a plain form POST, so it works without JavaScript and with the keyboard. */
export function StartButton({
  action,
  label = "Start",
  children,
}: {
  action: string
  label?: string
  children?: React.ReactNode
}) {
  return (
    <form method="post" action={action} className="mt-4">
      {children}
      <button
        type="submit"
        className="rounded bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900"
      >
        {label}
      </button>
    </form>
  )
}
