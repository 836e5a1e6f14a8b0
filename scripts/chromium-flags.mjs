// The flags every Chromium this repository starts runs with (the browser tests, Lighthouse). The
// network here is closed, and Chromium must not try to reach it: no updates, sync, QUIC probes or
// background requests, which are refused many at a time and slow every start. As root, Chromium
// needs --no-sandbox; --disable-gpu keeps it on the software path these machines have.
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
]
