import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RegionName } from '@aws-sdk/client-lightsail'
import { describe, expect, it } from 'vitest'
import { cleanupCandidates, type CleanupRules } from './cleanup.ts'
import { toDiskRow, toRow, type Row } from './model.ts'
import { cleanupScript, shellQuote } from './script.ts'

const NOW = Date.UTC(2026, 11, 1)
const DAY = 86_400_000
const snap = (name: string, instance: string, daysAgo: number, extra: Record<string, unknown> = {}, region = 'us-east-2') =>
  toRow(region, {
    name,
    fromInstanceName: instance,
    state: 'available',
    createdAt: new Date(NOW - daysAgo * DAY),
    sizeInGb: 40,
    isFromAutoSnapshot: false,
    location: { regionName: region as RegionName, availabilityZone: 'all' },
    tags: [],
    ...extra,
  })

const rows: Row[] = [
  snap('web-1-d1', 'web-1', 1),
  snap('web-1-d10', 'web-1', 10),
  snap('web-1-d20', 'web-1', 20),
  snap('web-1-d30', 'web-1', 30),
  snap('web-1-auto', 'web-1', 5, { isFromAutoSnapshot: true }),
  snap('gone-1-d2', 'gone-1', 2),
  snap('gone-1-d200', 'gone-1', 200, { tags: [{ key: 'keep' }] }),
  snap('gone-1-pending', 'gone-1', 0, { state: 'pending' }),
  snap('eu-1-d3', 'eu-1', 3, {}, 'eu-west-1'),
  toDiskRow('us-east-2', { name: 'data-d1', fromDiskName: 'data', state: 'completed', createdAt: new Date(NOW - DAY), sizeInGb: 100, tags: [] }),
  toDiskRow('us-east-2', { name: 'data-d9', fromDiskName: 'data', state: 'completed', createdAt: new Date(NOW - 9 * DAY), sizeInGb: 100, tags: [] }),
]
const living = new Map([['us-east-2', new Set(['web-1'])]])
const run = (rules: CleanupRules, extra: Partial<Parameters<typeof cleanupCandidates>[1]> = {}) =>
  cleanupCandidates(rows, { rules, living, protectTag: 'keep', now: NOW, monthly: (r) => r.sizeGb * 0.05, ...extra })
const names = (result: ReturnType<typeof run>) => result.candidates.map((c) => c.row.name)

describe('clean-up candidates', () => {
  it("orphaned: snapshots of instances that no longer exist, never the pending one, and the protected one counted", () => {
    const result = run({ orphaned: true })
    expect(names(result)).toEqual(['gone-1-d2'])
    expect(result.candidates[0]!.reasons).toEqual(['gone-1 no longer exists'])
    expect(result.neverPending).toBe(1)
    expect(result.protectedByTag).toBe(1)
    // eu-west-1's instances are not known: orphaned cannot be told there, and the view says so.
    expect(result.unknownRegions).toEqual(['eu-west-1'])
  })

  it('kept: the snapshots kept from automatic ones', () => {
    expect(names(run({ kept: true }))).toEqual(['web-1-auto'])
  })

  it('keep=K: manual snapshots beyond the newest K of each source (instance or disk), newest of a living instance never', () => {
    expect(names(run({ keep: 2 }))).toEqual(['web-1-d20', 'web-1-d30'])
    expect(run({ keep: 2 }).candidates[0]!.reasons).toEqual(['beyond the newest 2 manual snapshots of web-1'])
    expect(run({ keep: 1 }).candidates.find((c) => c.row.name === 'data-d9')!.reasons).toEqual(['beyond the newest 1 manual snapshot of disk data'])
    // keep=0 would take everything: the newest of web-1 (living) and of the disk stay, and are counted.
    const none = run({ keep: 0 })
    expect(names(none)).not.toContain('web-1-d1')
    expect(names(none)).not.toContain('data-d1')
    expect(names(none)).toContain('gone-1-d2')
    expect(none.neverNewest).toBeGreaterThanOrEqual(3)
  })

  it('olderThan alone is a rule; with others it narrows them, and says so', () => {
    expect(names(run({ olderThan: 15 }))).toEqual(['web-1-d20', 'web-1-d30'])
    expect(run({ olderThan: 15 }).candidates[0]!.reasons).toEqual(['older than 15 days'])
    const narrowed = run({ keep: 1, olderThan: 15 })
    expect(names(narrowed)).toEqual(['web-1-d20', 'web-1-d30'])
    expect(narrowed.candidates[0]!.reasons).toEqual(['beyond the newest 1 manual snapshot of web-1', 'older than 15 days'])
  })

  it('combines rules: a snapshot meeting two gives both reasons, once; the savings add up', () => {
    const result = run({ orphaned: true, kept: true, keep: 3 })
    expect(names(result).sort()).toEqual(['gone-1-d2', 'web-1-auto', 'web-1-d30'].sort())
    const gone = result.candidates.find((c) => c.row.name === 'gone-1-d2')!
    // gone-1-d2 is gone-1's newest manual one: only orphaned applies. Its instance is gone, so the newest is no shelter.
    expect(gone.reasons).toEqual(['gone-1 no longer exists'])
    expect(result.savings).toBeCloseTo(3 * 40 * 0.05)
  })

  it('the other filters narrow the candidates without changing which are the newest', () => {
    const result = run({ keep: 2 }, { matches: (r) => r.name.endsWith('d30') })
    expect(names(result)).toEqual(['web-1-d30'])
  })

  it('a configured tag key protects, and malformed rows are never candidates', () => {
    const tagged = [...rows, snap('web-1-d40', 'web-1', 40, { tags: [{ key: 'do-not-delete', value: 'audit' }] })]
    const result = cleanupCandidates(tagged, { rules: { keep: 3 }, living, protectTag: 'do-not-delete', now: NOW, monthly: () => 1 })
    expect(names(result)).not.toContain('web-1-d40')
    expect(result.protectedByTag).toBe(1)
    const broken = toRow('us-east-2', { name: 'broken', fromInstanceName: 'gone-1', tags: 'x' } as never)
    expect(cleanupCandidates([broken], { rules: { orphaned: true }, living, protectTag: 'keep', now: NOW, monthly: () => 1 }).candidates).toEqual([])
  })
})

describe('the clean-up script', () => {
  const hostile = ["it's", '$(touch pwned)', '`id`', 'a"b', 'new\nline', '-rf', '--region=eu-west-1', 'back\\slash', 'x; rm -rf /']

  it('quotes any value as one shell word', () => {
    for (const value of hostile) expect(execFileSync('bash', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(value)
  })

  it('parses, and run against a fake aws makes exactly one delete per candidate, with the names exactly as they are', () => {
    const candidates = hostile.map((name, i) => ({
      row: { ...snap(name, 'gone-1', 10 + i), ...(i % 3 === 0 ? { kind: 'disk' as const } : {}) },
      reasons: [`reason ${i}\nwith a newline`],
      monthly: 1,
    }))
    const script = cleanupScript(candidates, { rules: ['orphaned=1: gone'], link: 'https://lens.example/?view=cleanup&orphaned=1', date: '2026-12-01', regions: ['us-east-2'], savings: 'at most $9.00 a month' }, (n) => `$${n.toFixed(2)}`)
    const dir = mkdtempSync(join(tmpdir(), 'snapshot-lens-cleanup-'))
    writeFileSync(join(dir, 'cleanup.sh'), script)
    execFileSync('bash', ['-n', join(dir, 'cleanup.sh')])
    const log = join(dir, 'aws.log')
    writeFileSync(join(dir, 'aws'), `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n')\n`)
    chmodSync(join(dir, 'aws'), 0o755)
    execFileSync('bash', [join(dir, 'cleanup.sh')], { cwd: dir, env: { PATH: `${dir}:${process.env.PATH}` } })
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[])
    expect(calls).toEqual(
      candidates.map((c) =>
        c.row.kind === 'disk'
          ? ['lightsail', 'delete-disk-snapshot', '--region=us-east-2', `--disk-snapshot-name=${c.row.name}`]
          : ['lightsail', 'delete-instance-snapshot', '--region=us-east-2', `--instance-snapshot-name=${c.row.name}`],
      ),
    )
    // Nothing the names hold ran.
    expect(() => readFileSync(join(dir, 'pwned'))).toThrow()
    expect(script).toContain('set -euo pipefail')
    expect(script).toContain('# Saves at most $9.00 a month')
  })
})
