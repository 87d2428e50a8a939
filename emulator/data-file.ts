// `--data FILE`: replay a real account from what the AWS CLI prints for
// `aws lightsail get-instance-snapshots` or `get-instance-snapshot` (`--output json`).
import { readFileSync } from 'node:fs'
import type { Account, InstanceSnapshot } from './model.ts'

export class DataFileError extends Error {}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Epoch seconds (as the SDK and `--cli-binary-format` print them) or an ISO-8601 string (the CLI's default). */
export function parseTimestamp(value: unknown, where: string): Date {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000)
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value)
    if (!Number.isNaN(date.getTime())) return date
  }
  throw new DataFileError(`${where}: not a timestamp (epoch seconds or ISO-8601): ${JSON.stringify(value)}`)
}

function toSnapshot(raw: unknown, where: string): InstanceSnapshot {
  if (!isObject(raw)) throw new DataFileError(`${where}: expected an object`)
  if (typeof raw.name !== 'string' || raw.name === '') throw new DataFileError(`${where}.name: missing`)
  const location = raw.location
  if (!isObject(location) || typeof location.regionName !== 'string') {
    throw new DataFileError(`${where}.location.regionName: missing, so the snapshot has no region`)
  }
  // Unknown fields and values newer than the SDK knows pass through unchanged; only timestamps are converted.
  const snapshot = { ...raw } as InstanceSnapshot
  if (raw.createdAt !== undefined) snapshot.createdAt = parseTimestamp(raw.createdAt, `${where}.createdAt`)
  if (raw.fromAttachedDisks !== undefined) {
    if (!Array.isArray(raw.fromAttachedDisks)) throw new DataFileError(`${where}.fromAttachedDisks: expected an array`)
    snapshot.fromAttachedDisks = raw.fromAttachedDisks.map((disk: unknown, i) => {
      const at = `${where}.fromAttachedDisks[${i}]`
      if (!isObject(disk)) throw new DataFileError(`${at}: expected an object`)
      return disk.createdAt === undefined ? disk : { ...disk, createdAt: parseTimestamp(disk.createdAt, `${at}.createdAt`) }
    })
  }
  return snapshot
}

/** Accepts one CLI document or an array of them. */
export function accountFromDocuments(doc: unknown): Account {
  const documents = Array.isArray(doc) ? doc : [doc]
  const snapshots = new Map<string, InstanceSnapshot[]>()
  documents.forEach((d: unknown, i) => {
    const at = Array.isArray(doc) ? `[${i}].` : ''
    let list: { raw: unknown; where: string }[]
    if (isObject(d) && Array.isArray(d.instanceSnapshots)) {
      list = d.instanceSnapshots.map((raw: unknown, j) => ({ raw, where: `${at}instanceSnapshots[${j}]` }))
    } else if (isObject(d) && d.instanceSnapshot !== undefined) {
      list = [{ raw: d.instanceSnapshot, where: `${at}instanceSnapshot` }]
    } else {
      throw new DataFileError(`${at || 'the document'}: expected the output of get-instance-snapshots ("instanceSnapshots") or get-instance-snapshot ("instanceSnapshot")`)
    }
    for (const { raw, where } of list) {
      const snapshot = toSnapshot(raw, where)
      const region = snapshot.location!.regionName!
      const inRegion = snapshots.get(region) ?? []
      if (inRegion.some((s) => s.name === snapshot.name)) {
        throw new DataFileError(`${where}.name: "${snapshot.name}" appears twice in ${region}`)
      }
      snapshots.set(region, [...inRegion, snapshot])
    }
  })
  return {
    snapshots,
    pending: [],
    regionConditions: new Map(),
  }
}

export function loadDataFile(path: string): Account {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new DataFileError(`--data ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw new DataFileError(`--data ${path}: not JSON (${(error as Error).message})`)
  }
  try {
    return accountFromDocuments(doc)
  } catch (error) {
    if (error instanceof DataFileError) throw new DataFileError(`--data ${path}: ${error.message}`)
    throw error
  }
}
