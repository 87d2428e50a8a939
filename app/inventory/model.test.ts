import { describe, expect, it } from 'vitest'
import type { RegionName } from '@aws-sdk/client-lightsail'
import { toCsv, toJson } from './downloads.ts'
import { ageBuckets, filterRows, groupBySource, perRegion, sortRows, toDiskRow, toRow, totals } from './model.ts'

const NOW = Date.UTC(2026, 10, 27)
const DAY = 86_400_000
const row = (region: string, name: string, extra: Record<string, unknown> = {}) =>
  toRow(region, {
    name,
    state: 'available',
    fromInstanceName: name.split('-').slice(0, 2).join('-'),
    createdAt: new Date(NOW - 10 * DAY),
    sizeInGb: 40,
    isFromAutoSnapshot: false,
    location: { regionName: region as RegionName, availabilityZone: 'all' },
    tags: [],
    ...extra,
  })

const rows = [
  row('us-east-2', 'web-1-backup', { tags: [{ key: 'env', value: 'production' }], fromAttachedDisks: [{ sizeInGb: 100 }] }),
  row('eu-west-1', 'web-1-backup', { tags: [{ key: 'env', value: 'staging' }], createdAt: new Date(NOW - 40 * DAY) }),
  row('us-east-2', 'db-1-nightly', { state: 'pending', progress: '42%', isFromAutoSnapshot: true, createdAt: new Date(NOW - DAY) }),
  row('us-west-2', 'legacy-erp-2019', { state: 'error', createdAt: new Date(NOW - 400 * DAY), tags: [{ key: 'keep' }], sizeInGb: 320 }),
]

const disk = toDiskRow('us-east-2', {
  name: 'web-1-media-weekly',
  state: 'pending',
  progress: '37%',
  fromDiskName: 'web-1-media',
  fromInstanceName: 'web-1',
  createdAt: new Date(NOW - 2 * DAY),
  sizeInGb: 256,
  isFromAutoSnapshot: false,
  location: { regionName: 'us-east-2' as RegionName, availabilityZone: 'all' },
  tags: [],
})

describe('inventory rows', () => {
  it('are keyed by region, kind and name, so the same name in two regions is two rows', () => {
    expect(rows.map((r) => r.key)).toEqual(['us-east-2/instance/web-1-backup', 'eu-west-1/instance/web-1-backup', 'us-east-2/instance/db-1-nightly', 'us-west-2/instance/legacy-erp-2019'])
    expect(rows[0]!.sizeGb).toBe(140)
  })

  it("keep a disk snapshot's progress, disk and instance; an instance snapshot's progress is never read", () => {
    expect(disk).toMatchObject({ key: 'us-east-2/disk/web-1-media-weekly', kind: 'disk', progress: '37%', disk: 'web-1-media', instance: 'web-1', sizeGb: 256 })
    expect(rows[2]!.progress).toBeUndefined()
    expect(filterRows([...rows, disk], { q: 'web-1-media' }, NOW)).toEqual([disk])
    expect(filterRows([...rows, disk], { kind: 'disk' }, NOW)).toEqual([disk])
    expect(filterRows([...rows, disk], { kind: 'instance' }, NOW)).toHaveLength(4)
    expect(sortRows([...rows, disk], { key: 'kind', descending: false })[0]).toBe(disk)
    expect(totals([...rows, disk])).toMatchObject({ count: 5, disks: 1 })
  })

  it('filter by free text (name, instance, tag key or value), state, origin, instance, tag and age', () => {
    const names = (list: typeof rows) => list.map((r) => r.key.replace('/instance/', '/'))
    expect(names(filterRows(rows, { q: 'STAGING' }, NOW))).toEqual(['eu-west-1/web-1-backup'])
    expect(names(filterRows(rows, { q: 'db-1' }, NOW))).toEqual(['us-east-2/db-1-nightly'])
    expect(names(filterRows(rows, { state: 'pending' }, NOW))).toEqual(['us-east-2/db-1-nightly'])
    expect(names(filterRows(rows, { origin: 'auto' }, NOW))).toEqual(['us-east-2/db-1-nightly'])
    expect(filterRows(rows, { origin: 'manual' }, NOW)).toHaveLength(3)
    expect(names(filterRows(rows, { instance: 'legacy-erp' }, NOW))).toEqual(['us-west-2/legacy-erp-2019'])
    expect(names(filterRows(rows, { tag: 'env=production' }, NOW))).toEqual(['us-east-2/web-1-backup'])
    expect(filterRows(rows, { tag: 'env' }, NOW)).toHaveLength(2)
    expect(names(filterRows(rows, { tag: 'keep' }, NOW))).toEqual(['us-west-2/legacy-erp-2019'])
    expect(names(filterRows(rows, { olderThan: 30 }, NOW))).toEqual(['eu-west-1/web-1-backup', 'us-west-2/legacy-erp-2019'])
    expect(filterRows(rows, { q: 'web', tag: 'env=staging', olderThan: 30 }, NOW)).toHaveLength(1)
  })

  it('sort by any column, either way, ties broken by region and name', () => {
    expect(sortRows(rows).map((r) => r.name)).toEqual(['db-1-nightly', 'web-1-backup', 'web-1-backup', 'legacy-erp-2019'])
    expect(sortRows(rows, { key: 'size', descending: true }).map((r) => r.sizeGb)).toEqual([320, 140, 40, 40])
    expect(sortRows(rows, { key: 'name', descending: false }).map((r) => r.key.replace('/instance/', '/'))).toEqual([
      'us-east-2/db-1-nightly',
      'us-west-2/legacy-erp-2019',
      'eu-west-1/web-1-backup',
      'us-east-2/web-1-backup',
    ])
    expect(sortRows(rows, { key: 'origin', descending: true })[0]!.auto).toBe(true)
    // By cost: the price per region decides, not the size alone.
    const monthly = (r: { region: string; sizeGb: number }) => r.sizeGb * (r.region === 'eu-west-1' ? 10 : 0.05)
    expect(sortRows(rows, { key: 'cost', descending: true }, monthly)[0]!.region).toBe('eu-west-1')
  })

  it('group by source instance, newest first within and between groups', () => {
    const groups = groupBySource(rows)
    expect(groups.map((g) => g.instance)).toEqual(['db-1', 'web-1', 'legacy-erp'])
    expect(groups[1]!.rows.map((r) => r.region)).toEqual(['us-east-2', 'eu-west-1'])
    expect(groups[1]!.sizeGb).toBe(180)
  })

  it('count and size what is shown, per region, and by age', () => {
    expect(totals(rows)).toEqual({ count: 4, sizeGb: 540, disks: 0 })
    expect(perRegion([...rows, disk])).toEqual([
      { region: 'us-east-2', count: 3, sizeGb: 436, disks: 1 },
      { region: 'eu-west-1', count: 1, sizeGb: 40, disks: 0 },
      { region: 'us-west-2', count: 1, sizeGb: 320, disks: 0 },
    ])
    expect(ageBuckets(rows, NOW)).toEqual([
      { days: 30, count: 2, sizeGb: 360, disks: 0 },
      { days: 90, count: 1, sizeGb: 320, disks: 0 },
      { days: 365, count: 1, sizeGb: 320, disks: 0 },
    ])
  })
})

describe('downloads', () => {
  it('write CSV that a spreadsheet reads as text, never as formulas', () => {
    const hostile = row('us-east-2', 'web-2-x', { tags: [{ key: 'note', value: '=HYPERLINK("https://evil.example","click")' }, { key: 'a,b', value: 'line\nbreak' }] })
    const csv = toCsv([rows[0]!, hostile])
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe('region,kind,name,state,progress,sourceDisk,sourceInstance,createdAt,sizeGb,monthlyCostAtMost,currency,fromAutoSnapshot,availabilityZone,tags')
    expect(lines[1]).toBe('us-east-2,instance,web-1-backup,available,,,web-1,2026-11-17T00:00:00.000Z,140,,,false,all,env=production')
    const priced = { monthly: (r: { sizeGb: number }) => r.sizeGb * 0.05, currency: 'USD' }
    expect(toCsv([disk], priced).split('\r\n')[1]).toBe('us-east-2,disk,web-1-media-weekly,pending,37%,web-1-media,web-1,2026-11-25T00:00:00.000Z,256,12.8,USD,false,all,')
    expect(csv).toContain('"note==HYPERLINK(""https://evil.example"",""click""); a,b=line\nbreak"')
    expect(toCsv([row('us-east-2', 'x1', { tags: [{ key: '=cmd', value: '1' }] })])).toContain(`"'=cmd=1"`)
  })

  it('write JSON with the tags as objects', () => {
    expect(JSON.parse(toJson([rows[1]!]))).toEqual([
      expect.objectContaining({ region: 'eu-west-1', name: 'web-1-backup', tags: [{ key: 'env', value: 'staging' }], sizeGb: 40 }),
    ])
  })
})
