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
