// One formatter per time zone: building one costs a third of a millisecond, more than the rest of
// the identity answer (a CPU profile of `npm run bench -- logins`). A user's time
// zone is one of the IANA names Intl knows, so the map stays as small as that list.
const offsetFormats = new Map<string, Intl.DateTimeFormat>()
function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    offsetFormats.set(timeZone, f)
  }
  return f
}

/**
 * `utcOffset`: the offset from UTC, in ms, of the user's time zone now, daylight saving time
 * included (America/Los_Angeles is -28800000 in winter;
 * https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-using-identity-urls.html).
 * Taken at the org clock's instant so a test clock moves it too. Intl's `longOffset` name is
 * "GMT", "GMT+01:00" or, for old local mean times, "GMT-00:09:21".
 */
export function offsetMs(timeZone: string, at: number): number {
  const name = offsetFormat(timeZone)
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value
  const m = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name ?? "")
  if (!m) return 0
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)
  return (m[1] === "-" ? -1 : 1) * seconds * 1000
}
