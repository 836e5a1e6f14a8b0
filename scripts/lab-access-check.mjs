// The start-time half of the operator gate (docs/security.md, C-81): a site reachable from the network
// must have a passphrase, because anyone reaching it could otherwise run the JWT Bearer flow as the
// configured user and Reveal that user's token.

/** Whether `host` (the address `next start -H` listens on) is loopback only. */
export function isLoopbackHost(host) {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h)
}

/** Why `npm start` must not start with these settings, or undefined when it may. */
export function startRefusal({ host, labAccessPassword }) {
  if (isLoopbackHost(host) || (labAccessPassword ?? "").trim() !== "") return undefined
  return [
    `HOST=${host} makes the site reachable from the network, and LAB_ACCESS_PASSWORD is not set.`,
    "Anyone who can reach it could run the JWT Bearer flow as your configured user and read that user's token.",
    "Set LAB_ACCESS_PASSWORD (at least 12 characters, e.g. `openssl rand -base64 18`) in .env, or leave HOST unset to listen on 127.0.0.1 only.",
  ].join("\n")
}
