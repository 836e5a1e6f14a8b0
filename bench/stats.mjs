// Small statistics helpers: medians resist the noise of a shared machine better than means.

export function median(values) {
  const s = [...values].sort((a, b) => a - b)
  if (!s.length) return NaN
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** Rotates `items` by `n` places, so interleaved rounds change who runs first. */
export function rotate(items, n) {
  const k = n % items.length
  return [...items.slice(k), ...items.slice(0, k)]
}
