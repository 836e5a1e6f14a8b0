/**
 * API versions the org serves, three releases a year (v62.0 is Winter '25). The list shape is
 * what `GET /services/data` returns; @salesforce/core reads it to pick the newest version.
 */
export const LATEST_API_VERSION = "66.0"
const OLDEST = 31

const SEASONS = ["Winter", "Spring", "Summer"] as const

export function releaseLabel(major: number): string {
  // v62 = Winter '25; each version is the next release in the Winter, Spring, Summer cycle.
  const offset = major - 62
  const season = SEASONS[((offset % 3) + 3) % 3]!
  const year = 25 + Math.floor(offset / 3)
  return `${season} '${String(year).padStart(2, "0")}`
}

export function apiVersions(): { label: string; url: string; version: string }[] {
  const latest = Number(LATEST_API_VERSION.split(".")[0])
  const out = []
  for (let major = OLDEST; major <= latest; major++) {
    out.push({
      label: releaseLabel(major),
      url: `/services/data/v${major}.0`,
      version: `${major}.0`,
    })
  }
  return out
}

export function isServedVersion(v: string): boolean {
  const m = /^(\d{2})\.0$/.exec(v)
  return !!m && Number(m[1]) >= OLDEST && Number(m[1]) <= Number(LATEST_API_VERSION.split(".")[0])
}
