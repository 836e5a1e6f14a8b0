/** A consumer key shown without being copyable whole: enough to recognise it, not to reuse it. */
export const maskKey = (key: string) =>
  key.length <= 12 ? "••••" : `${key.slice(0, 8)}…${key.slice(-4)}`
