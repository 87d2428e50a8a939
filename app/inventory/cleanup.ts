// Clean-up candidates, by rules a link carries (`?view=cleanup&orphaned=1&kept=1&keep=3&olderThan=90`): which
// snapshots nobody may need, and why. Pure: the rows, which instances still exist (per region, where known), and the
// rules in; the candidates, each with its reasons and monthly cost, out. Never a candidate, whatever the rule: a
// pending snapshot, the newest snapshot of an instance that still exists (and the newest of each disk, whose life the
// app cannot see), a snapshot tagged with the protecting key, or one whose answer was malformed.
import type { Row } from './model.ts'

export interface CleanupRules {
  /** Snapshots of instances that no longer exist. */
  orphaned?: boolean
  /** Snapshots kept from automatic snapshots. */
  kept?: boolean
  /** Manual snapshots beyond the newest `keep` of each source. */
  keep?: number
  /** Older than this many days: alone it is a rule; with others it narrows them. */
  olderThan?: number
}

export interface Candidate {
  row: Row
  /** Why it is one, in words: one per rule it meets. */
  reasons: string[]
  /** At most this a month (see app/lib/cost.ts). */
  monthly: number
}

export interface Cleanup {
  candidates: Candidate[]
  /** What a clean-up would save a month, at most. */
  savings: number
  /** Candidates left out because they carry the protecting tag. */
  protectedByTag: number
  /** Snapshots the rules named that are never candidates: pending, or the newest of a living instance or of a disk. */
  neverPending: number
  neverNewest: number
  /** Regions whose instances are not known (GetInstances not answered): "orphaned" cannot be told there. */
  unknownRegions: string[]
}

export interface CleanupInput {
  rules: CleanupRules
  /** Per region, the instances that exist now; a region missing here is not known. */
  living: ReadonlyMap<string, ReadonlySet<string>>
  protectTag: string
  now: number
  monthly: (row: Row) => number
  /** The inventory's other filters: they narrow the candidates, never the ranking of "the newest K". */
  matches?: (row: Row) => boolean
}

const DAY = 86_400_000

export function hasRule(rules: CleanupRules): boolean {
  return rules.orphaned === true || rules.kept === true || rules.keep !== undefined || rules.olderThan !== undefined
}

/** A source of snapshots: an instance (instance snapshots) or a disk (disk snapshots), in its region. */
function sourceOf(row: Row): string {
  return `${row.region}/${row.kind}/${row.kind === 'disk' ? (row.disk ?? '') : row.instance}`
}

function sourceName(row: Row): string {
  return row.kind === 'disk' ? `disk ${row.disk ?? '(unnamed)'}` : row.instance || 'its instance'
}

export function cleanupCandidates(rows: readonly Row[], input: CleanupInput): Cleanup {
  const { rules, living, protectTag, now, monthly, matches = () => true } = input
  // Each source's snapshots, newest first: the newest is kept, and "beyond the newest K" counts manual ones.
  const bySource = new Map<string, Row[]>()
  for (const row of rows) {
    if (row.problem) continue
    const list = bySource.get(sourceOf(row))
    if (list) list.push(row)
    else bySource.set(sourceOf(row), [row])
  }
  const newest = new Set<Row>()
  const manualRank = new Map<Row, number>()
  for (const list of bySource.values()) {
    list.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))
    const first = list[0]!
    // Where the app cannot tell (a disk, a region whose instances are not known, an unnamed source), it keeps the newest.
    const alive = first.kind === 'disk' || first.instance === '' || !living.has(first.region) || living.get(first.region)!.has(first.instance)
    if (alive) newest.add(first)
    let rank = 0
    for (const row of list) if (!row.auto) manualRank.set(row, rank++)
  }
  const before = rules.olderThan === undefined ? undefined : now - rules.olderThan * DAY
  const onlyAge = rules.olderThan !== undefined && !rules.orphaned && !rules.kept && rules.keep === undefined
  const result: Cleanup = { candidates: [], savings: 0, protectedByTag: 0, neverPending: 0, neverNewest: 0, unknownRegions: [] }
  const unknown = new Set<string>()
  for (const row of rows) {
    if (row.problem || !matches(row)) continue
    if (before !== undefined && !(row.createdAt !== undefined && row.createdAt < before)) continue
    const reasons: string[] = []
    if (rules.orphaned && row.kind === 'instance') {
      const known = living.get(row.region)
      if (!known) unknown.add(row.region)
      else if (row.instance !== '' && !known.has(row.instance)) reasons.push(`${row.instance} no longer exists`)
    }
    if (rules.kept && row.auto) reasons.push('kept from an automatic snapshot')
    if (rules.keep !== undefined && !row.auto && (manualRank.get(row) ?? 0) >= rules.keep) {
      reasons.push(`beyond the newest ${rules.keep} manual snapshot${rules.keep === 1 ? '' : 's'} of ${sourceName(row)}`)
    }
    if (onlyAge) reasons.push(`older than ${rules.olderThan} days`)
    if (reasons.length === 0) continue
    if (row.state === 'pending') {
      result.neverPending += 1
      continue
    }
    if (newest.has(row)) {
      result.neverNewest += 1
      continue
    }
    if (row.tags.some((t) => t.key === protectTag)) {
      result.protectedByTag += 1
      continue
    }
    if (!onlyAge && before !== undefined) reasons.push(`older than ${rules.olderThan} days`)
    const cost = monthly(row)
    result.candidates.push({ row, reasons, monthly: cost })
    result.savings += cost
  }
  result.unknownRegions = [...unknown].sort()
  return result
}
