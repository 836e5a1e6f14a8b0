export function isLoopbackHost(host: string): boolean
export function startRefusal(opts: {
  host: string
  labAccessPassword: string | undefined
}): string | undefined
