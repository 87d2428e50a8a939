// The generated account: deterministic, spread like a real one, and paged by GetInstanceSnapshots region by region.
import { GetInstanceSnapshotsCommand } from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateAccount } from './fixtures/generate.ts'
import type { Emulator } from './server.ts'
import { lightsailClient, startTestEmulator } from './testing.ts'

const NOW = Date.UTC(2026, 10, 27)

describe('--generate N', () => {
  it('makes the same account for the same N, with every snapshot in exactly one region', () => {
    const a = generateAccount(2000, NOW)
    const b = generateAccount(2000, NOW)
    const names = (account: typeof a) => [...account.snapshots].flatMap(([region, list]) => list.map((s) => `${region}/${s.name}`))
    expect(names(a)).toEqual(names(b))
    expect(names(a)).toHaveLength(2000)
    expect(new Set(names(a)).size).toBe(2000)
  })

  it('spreads snapshots over regions, states, sources, ages and tags', () => {
    const account = generateAccount(10_000, NOW)
    const all = [...account.snapshots.values()].flat()
    expect(account.snapshots.size).toBeGreaterThanOrEqual(15)
    expect(new Set(all.map((s) => s.state))).toEqual(new Set(['available', 'pending', 'error']))
    expect(new Set(all.map((s) => s.fromInstanceName)).size).toBeGreaterThan(100)
    expect(all.some((s) => s.isFromAutoSnapshot) && all.some((s) => !s.isFromAutoSnapshot)).toBe(true)
    const ages = all.map((s) => (NOW - s.createdAt!.getTime()) / 86_400_000)
    expect(ages.filter((d) => d > 365).length).toBeGreaterThan(100)
    expect(all.every((s) => (s.tags ?? []).some((t) => t.key === 'env'))).toBe(true)
    expect(all.filter((s) => s.progress !== undefined)).toEqual([])
  })

  it('holds what Lightsail reports around the snapshots: sources (some deleted), operations, disk and automatic snapshots', () => {
    const account = generateAccount(10_000, NOW)
    let sources = 0
    let living = 0
    for (const [region, list] of account.snapshots) {
      const instances = new Set((account.instances.get(region) ?? []).map((i) => i.name))
      const names = new Set(list.map((s) => s.fromInstanceName))
      sources += names.size
      living += [...names].filter((n) => instances.has(n!)).length
      const ops = account.operations.get(region) ?? []
      const created = new Set(ops.filter((o) => o.operationType === 'CreateInstanceSnapshot' && o.resourceType === 'InstanceSnapshot').map((o) => o.resourceName))
      expect(list.every((s) => created.has(s.name))).toBe(true)
      // Oldest first, as GetOperations pages them.
      const times = ops.map((o) => o.createdAt!.getTime())
      expect(times).toEqual([...times].sort((a, b) => a - b))
    }
    expect(living / sources).toBeGreaterThan(0.6)
    expect(living / sources).toBeLessThan(0.9)
    const disks = [...account.diskSnapshots.values()].flat()
    expect(disks).toHaveLength(1000)
    expect(disks.every((d) => d.progress === '100%' && d.state === 'completed')).toBe(true)
    const autos = [...account.autoSnapshots.values()].flat()
    expect(autos.length).toBeGreaterThan(50)
    expect(autos.every((a) => a.autoSnapshots.length === 7)).toBe(true)
  })
})

describe('a generated account through the SDK', () => {
  let emulator: Emulator
  beforeAll(async () => {
    emulator = await startTestEmulator({ account: () => generateAccount(3000, Date.now()) })
  })
  afterAll(() => emulator.close())

  it('pages every region to the end, in pages of 100, with tokens bound to their region', async () => {
    const account = generateAccount(3000, Date.now())
    let total = 0
    for (const [region, list] of account.snapshots) {
      const client = await lightsailClient(emulator.url, region)
      let token: string | undefined
      let seen = 0
      let pages = 0
      do {
        const page = await client.send(new GetInstanceSnapshotsCommand({ pageToken: token }))
        expect(page.instanceSnapshots!.length).toBeLessThanOrEqual(100)
        seen += page.instanceSnapshots!.length
        token = page.nextPageToken
        pages += 1
      } while (token)
      expect(seen).toBe(list.length)
      expect(pages).toBe(Math.max(1, Math.ceil(list.length / 100)))
      total += seen
    }
    expect(total).toBe(3000)
  })
})
