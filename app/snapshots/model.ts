// Pure helpers for the snapshot page's header: the equivalent CLI command and the raw response to download.
import type { InstanceSnapshot } from '../aws/snapshots.ts'

export function cliCommand(region: string, name: string): string {
  // Names are validated to [\w-] before any request, so no shell quoting is needed; quote anyway for copy safety.
  const quote = (s: string) => (/^[\w-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)
  return `aws lightsail get-instance-snapshot --instance-snapshot-name ${quote(name)} --region ${quote(region)}`
}

/** The response as the CLI prints it (`--output json`), timestamps as ISO-8601, for the download. */
export function rawResponseJson(snapshot: InstanceSnapshot): string {
  return JSON.stringify({ instanceSnapshot: snapshot }, (_key, value: unknown) => value, 2)
}
