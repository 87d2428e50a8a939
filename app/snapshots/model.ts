// Pure helpers for the snapshot page's header: the equivalent CLI command and the raw response to download.
import type { SnapshotKind } from '../lib/url.ts'

const GET: Record<SnapshotKind, { command: string; flag: string; field: string }> = {
  instance: { command: 'get-instance-snapshot', flag: '--instance-snapshot-name', field: 'instanceSnapshot' },
  disk: { command: 'get-disk-snapshot', flag: '--disk-snapshot-name', field: 'diskSnapshot' },
}

export function cliCommand(region: string, name: string, kind: SnapshotKind = 'instance'): string {
  // Names are validated to [\w-] before any request, so no shell quoting is needed; quote anyway for copy safety.
  const quote = (s: string) => (/^[\w-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)
  const { command, flag } = GET[kind]
  return `aws lightsail ${command} ${flag} ${quote(name)} --region ${quote(region)}`
}

/** The response as the CLI prints it (`--output json`), timestamps as ISO-8601, for the download. */
export function rawResponseJson(snapshot: object, kind: SnapshotKind = 'instance'): string {
  return JSON.stringify({ [GET[kind].field]: snapshot }, (_key, value: unknown) => value, 2)
}
