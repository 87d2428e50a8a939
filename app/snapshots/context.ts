// What the operation log tells about a snapshot, as pure functions: how long the instance's snapshots usually take
// (and so when a pending one should be done), why a failed one failed, and its history in words.
import type { Operation } from '../aws/context.ts'

/** A finished snapshot of the instance: when it started and how long it took. */
export interface Run {
  startedAt: number
  durationMs: number
}

/** How many of the newest finished snapshots an expectation is made from. */
export const RUNS_USED = 5

const time = (date: Date | string | number | undefined): number | undefined => {
  if (date === undefined) return undefined
  const ms = new Date(date).getTime()
  return Number.isFinite(ms) ? ms : undefined
}

/**
 * The instance's finished snapshots, newest first: the CreateInstanceSnapshot operations Lightsail wrote on the
 * instance that Succeeded, each from its creation to its last status change. `except` leaves out the snapshot being
 * waited for.
 */
export function finishedRuns(operations: readonly Operation[], except?: string): Run[] {
  const runs: Run[] = []
  for (const op of operations) {
    if (op.operationType !== 'CreateInstanceSnapshot' || op.resourceType !== 'Instance' || op.status !== 'Succeeded') continue
    if (except !== undefined && op.operationDetails === except) continue
    const startedAt = time(op.createdAt)
    const endedAt = time(op.statusChangedAt)
    if (startedAt === undefined || endedAt === undefined || endedAt <= startedAt) continue
    runs.push({ startedAt, durationMs: endedAt - startedAt })
  }
  return runs.sort((a, b) => b.startedAt - a.startedAt).slice(0, RUNS_USED)
}

export interface Expectation {
  /** How many finished snapshots it is made from. */
  count: number
  shortestMs: number
  longestMs: number
  /** The median: when a snapshot of this instance is usually done. */
  typicalMs: number
  /** When this one should be done: started + typical, or started + longest once it runs late. */
  expectedAt: number
  /** `usual`: not yet past the typical time; `late`: past it, not past the longest; `overdue`: past the longest. */
  pace: 'usual' | 'late' | 'overdue'
}

/** When a snapshot started at `startedAt` should be done, from the instance's earlier ones; undefined without any. */
export function expectation(startedAt: number, runs: readonly Run[], now: number): Expectation | undefined {
  if (runs.length === 0) return undefined
  const durations = runs.map((r) => r.durationMs).sort((a, b) => a - b)
  const middle = Math.floor(durations.length / 2)
  const typicalMs = durations.length % 2 ? durations[middle]! : (durations[middle - 1]! + durations[middle]!) / 2
  const shortestMs = durations[0]!
  const longestMs = durations.at(-1)!
  const elapsed = now - startedAt
  const pace = elapsed <= typicalMs ? 'usual' : elapsed <= longestMs ? 'late' : 'overdue'
  return { count: runs.length, shortestMs, longestMs, typicalMs, expectedAt: startedAt + (pace === 'usual' ? typicalMs : longestMs), pace }
}

const CREATING = new Set(['CreateInstanceSnapshot', 'CreateDiskSnapshot', 'CopySnapshot'])

export interface Failure {
  code?: string
  details?: string
  at?: number
  /** What to do, in words. */
  advice: string
}

/** What to do about a failed snapshot, by the error code its operation reported; a general answer for the rest. */
const ADVICE: Record<string, string> = {
  DiskIOError: "A disk stopped responding while it was read. Check the source's disks (one failing or detached), then create a new snapshot.",
  InsufficientCapacity: 'Lightsail had no room for it in that Availability Zone at the time. Create the snapshot again later.',
  InternalError: "Lightsail could not finish it. Create a new snapshot; if that fails too, contact AWS Support with this snapshot's support code.",
}
const GENERAL_ADVICE = "Create a new snapshot from the source. If it fails again, contact AWS Support with this snapshot's support code and the error above."

/** The newest failed creation of the snapshot among its operations, with the service's code and details. */
export function failure(operations: readonly Operation[]): Failure | undefined {
  const failed = operations.filter((op) => op.status === 'Failed' && CREATING.has(op.operationType ?? ''))
  const newest = failed.sort((a, b) => (time(b.createdAt) ?? 0) - (time(a.createdAt) ?? 0))[0]
  if (!newest) return undefined
  const code = newest.errorCode || undefined
  return { code, details: newest.errorDetails || undefined, at: time(newest.statusChangedAt), advice: (code && ADVICE[code]) ?? GENERAL_ADVICE }
}

export interface HistoryEntry {
  id: string
  /** What happened, in words. */
  what: string
  status: string
  startedAt?: number
  endedAt?: number
  error?: string
}

const STATUS: Record<string, string> = {
  NotStarted: 'not started',
  Started: 'running',
  Failed: 'failed',
  Completed: 'completed',
  Succeeded: 'succeeded',
}

/** "CreateInstanceSnapshot" → "Create instance snapshot", for operation types this app has no words for. */
function words(type: string): string {
  const spaced = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return spaced.charAt(0).toUpperCase() + spaced.slice(1)
}

function describe(op: Operation, keptFromAutomatic: boolean): string {
  const details = op.operationDetails || undefined
  // A string, not the model's enum: Lightsail reports CopySnapshot, which the enum lacks (see the CLI's examples).
  switch (op.operationType as string | undefined) {
    case 'CreateInstanceSnapshot':
      return details ? `Created from instance ${details}` : 'Created from its instance'
    case 'CreateDiskSnapshot':
      return details ? `Created from disk ${details}` : 'Created from its disk'
    case 'CopySnapshot': {
      // `region:snapshot` for a copy, `region:resource` for a kept automatic snapshot (the CLI's own examples).
      const [region, source] = details?.includes(':') ? details.split(':', 2) : [undefined, details]
      if (keptFromAutomatic) return `Kept from an automatic snapshot of ${source ?? 'its source'}${region ? ` (${region})` : ''}`
      return `Copied from ${source ?? 'another snapshot'}${region ? ` in ${region}` : ''}`
    }
    case 'DeleteInstanceSnapshot':
    case 'DeleteDiskSnapshot':
      return 'Deleted'
    default:
      return `${words(op.operationType ?? 'Operation')}${details ? ` (${details})` : ''}`
  }
}

/** A snapshot's operations as its history, newest first. */
export function history(operations: readonly Operation[], keptFromAutomatic = false): HistoryEntry[] {
  return [...operations]
    .sort((a, b) => (time(b.createdAt) ?? 0) - (time(a.createdAt) ?? 0))
    .map((op, i) => ({
      id: op.id ?? `operation-${i}`,
      what: describe(op, keptFromAutomatic),
      status: STATUS[op.status ?? ''] ?? op.status ?? 'unknown',
      startedAt: time(op.createdAt),
      endedAt: op.isTerminal ? time(op.statusChangedAt) : undefined,
      error: op.status === 'Failed' ? [op.errorCode, op.errorDetails].filter(Boolean).join(': ') || undefined : undefined,
    }))
}
