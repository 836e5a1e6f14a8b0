/** The site's configuration is unusable; `problems` lists every one, never a secret's value. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID"
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `- ${p}`).join("\n")}`)
    this.name = "ConfigError"
  }
}
