// The account's data per region, the clock that completes pending snapshots, and pagination.
import { randomBytes } from 'node:crypto'
import type { Account, InstanceSnapshot, RegionCondition } from './model.ts'

export const MAX_PAGE_SIZE = 100

export class Store {
  private account: Account
  private startedAt: number
  private readonly pageTokens = new Map<string, { region: string; offset: number }>()

  constructor(
    private readonly load: () => Account,
    private readonly clock: () => number = Date.now,
  ) {
    this.account = load()
    this.startedAt = clock()
  }

  /** Back to the loaded account: pending snapshots start over, issued page tokens are forgotten. */
  reset(load: () => Account = this.load): void {
    this.account = load()
    this.startedAt = this.clock()
    this.pageTokens.clear()
  }

  regionCondition(region: string): RegionCondition | undefined {
    return this.account.regionConditions.get(region)
  }

  getSnapshot(region: string, name: string): InstanceSnapshot | undefined {
    const found = this.account.snapshots.get(region)?.find((s) => s.name === name)
    return found && this.withClock(region, found)
  }

  /** One page of a region's snapshots; `pageToken` must be one this store issued for the same region. */
  listSnapshots(region: string, pageToken: string | undefined, pageSize = MAX_PAGE_SIZE) {
    let offset = 0
    if (pageToken !== undefined) {
      const issued = this.pageTokens.get(pageToken)
      if (!issued || issued.region !== region) return undefined
      offset = issued.offset
    }
    const all = this.account.snapshots.get(region) ?? []
    const page = all.slice(offset, offset + Math.min(pageSize, MAX_PAGE_SIZE))
    let nextPageToken: string | undefined
    if (offset + page.length < all.length) {
      nextPageToken = randomBytes(24).toString('base64url')
      this.pageTokens.set(nextPageToken, { region, offset: offset + page.length })
    }
    return { snapshots: page.map((s) => this.withClock(region, s)), nextPageToken }
  }

  private withClock(region: string, snapshot: InstanceSnapshot): InstanceSnapshot {
    const plan = this.account.pending.find((p) => p.region === region && p.name === snapshot.name)
    if (!plan) return snapshot
    const elapsed = this.clock() - this.startedAt
    if (elapsed >= plan.durationMs) {
      const { progress: _done, ...rest } = snapshot
      return { ...rest, state: 'available' }
    }
    const percent = Math.floor(plan.fromPercent + ((100 - plan.fromPercent) * elapsed) / plan.durationMs)
    return { ...snapshot, state: 'pending', progress: `${Math.min(percent, 99)}%` }
  }
}
