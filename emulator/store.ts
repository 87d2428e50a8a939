// The account's data per region, the clock that settles pending snapshots (and the operations that follow them), and
// pagination with opaque tokens bound to the region and list they were issued for.
import { randomBytes } from 'node:crypto'
import type {
  Account, AutoSnapshots, Disk, DiskSnapshot, ExportSnapshotRecord, Follows, Instance, InstanceSnapshot, Operation, PendingPlan, RegionCondition, SnapshotKindName,
} from './model.ts'

export const MAX_PAGE_SIZE = 100
/** GetOperations and GetOperationsForResource: "oldest to newest, up to a maximum of 200". */
export const OPERATIONS_PAGE_SIZE = 200

/** How a pending snapshot ended, and when (epoch ms). */
interface Settled {
  state: string
  at: number
}

export type SettleResult =
  | { ok: true; kind: SnapshotKindName; state: string }
  | { ok: false; status: number; error: string }

/** The final states each kind of snapshot may be settled to: the model's own (available, or completed for disks). */
export const SETTLE_STATES: Record<SnapshotKindName, readonly string[]> = {
  instanceSnapshot: ['available', 'error'],
  diskSnapshot: ['completed', 'error'],
}

/** What each kind of resource settles to when its plan ends, and what it is while it runs. */
const SETTLED_STATE: Record<Follows['kind'], string> = {
  instanceSnapshot: 'available', diskSnapshot: 'completed', instance: 'running', disk: 'available', exportSnapshotRecord: 'Succeeded',
}
const RUNNING_STATE: Record<Follows['kind'], string> = {
  instanceSnapshot: 'pending', diskSnapshot: 'pending', instance: 'pending', disk: 'pending', exportSnapshotRecord: 'Started',
}
/** Lightsail's code for each instance state (InstanceState). */
const INSTANCE_STATE_CODES: Record<string, number> = { pending: 0, running: 16 }

/** The lists of an account a write operation may add to, and what each holds. */
interface Made {
  instances: Instance
  snapshots: InstanceSnapshot
  diskSnapshots: DiskSnapshot
  disks: Disk
  exportSnapshotRecords: ExportSnapshotRecord
  operations: Operation
}

/** What a failed snapshot's operation says when nothing more precise was recorded. */
const DEFAULT_FAILURE = {
  errorCode: 'InternalError',
  errorDetails: 'The snapshot could not be completed because of an internal error. Try creating it again.',
}

export interface Page<T> {
  items: T[]
  nextPageToken?: string
}

export class Store {
  private account: Account
  private startedAt: number
  private readonly pageTokens = new Map<string, { list: string; offset: number }>()
  private readonly settled = new Map<string, Settled>()

  constructor(
    private readonly load: () => Account,
    private readonly clock: () => number = Date.now,
  ) {
    this.account = load()
    this.startedAt = clock()
  }

  /** Back to the loaded account: pending snapshots start over, issued page tokens and settlements are forgotten. */
  reset(load: () => Account = this.load): void {
    this.account = load()
    this.startedAt = this.clock()
    this.pageTokens.clear()
    this.settled.clear()
  }

  regionCondition(region: string): RegionCondition | undefined {
    return this.account.regionConditions.get(region)
  }

  regionDisabled(region: string): boolean {
    return this.account.disabledRegions.has(region)
  }

  getSnapshot(region: string, name: string): InstanceSnapshot | undefined {
    const found = this.account.snapshots.get(region)?.find((s) => s.name === name)
    return found && this.instanceSnapshotNow(region, found)
  }

  listSnapshots(region: string, pageToken: string | undefined, pageSize = MAX_PAGE_SIZE): Page<InstanceSnapshot> | undefined {
    const all = this.account.snapshots.get(region) ?? []
    return this.page(`${region}/instanceSnapshots`, all, pageToken, pageSize, (s) => this.instanceSnapshotNow(region, s))
  }

  getDiskSnapshot(region: string, name: string): DiskSnapshot | undefined {
    const found = this.account.diskSnapshots.get(region)?.find((s) => s.name === name)
    return found && this.diskSnapshotNow(region, found)
  }

  listDiskSnapshots(region: string, pageToken: string | undefined): Page<DiskSnapshot> | undefined {
    const all = this.account.diskSnapshots.get(region) ?? []
    return this.page(`${region}/diskSnapshots`, all, pageToken, MAX_PAGE_SIZE, (s) => this.diskSnapshotNow(region, s))
  }

  getInstance(region: string, name: string): Instance | undefined {
    const found = this.account.instances.get(region)?.find((i) => i.name === name)
    return found && this.instanceNow(region, found)
  }

  listInstances(region: string, pageToken: string | undefined): Page<Instance> | undefined {
    return this.page(`${region}/instances`, this.account.instances.get(region) ?? [], pageToken, MAX_PAGE_SIZE, (i) => this.instanceNow(region, i))
  }

  /** Block storage disks: those that stand alone, then those attached to an instance (system disks are not listed). */
  private blockDisks(region: string): Disk[] {
    const attached = (this.account.instances.get(region) ?? []).flatMap((i) => (i.hardware?.disks ?? []).filter((d) => !d.isSystemDisk))
    return [...(this.account.disks.get(region) ?? []), ...attached]
  }

  getDisk(region: string, name: string): Disk | undefined {
    const found = this.blockDisks(region).find((d) => d.name === name)
    return found && this.diskNow(region, found)
  }

  listDisks(region: string, pageToken: string | undefined): Page<Disk> | undefined {
    return this.page(`${region}/disks`, this.blockDisks(region), pageToken, MAX_PAGE_SIZE, (d) => this.diskNow(region, d))
  }

  listExportSnapshotRecords(region: string, pageToken: string | undefined): Page<ExportSnapshotRecord> | undefined {
    const all = this.account.exportSnapshotRecords.get(region) ?? []
    return this.page(`${region}/exportSnapshotRecords`, all, pageToken, MAX_PAGE_SIZE, (r) => this.exportRecordNow(region, r))
  }

  /** The emulator's clock (epoch ms). */
  now(): number {
    return this.clock()
  }

  /** Adds what a write operation made to a region's list. */
  add<K extends keyof Made>(list: K, region: string, item: Made[K]): void {
    const map = this.account[list] as Map<string, Made[K][]>
    const items = map.get(region)
    if (items) items.push(item)
    else map.set(region, [item])
  }

  /** A resource a write operation made, running until `durationMs` from now on the clock. */
  addPending(plan: Omit<PendingPlan, 'startedAt'>): void {
    this.account.pending.push({ ...plan, startedAt: this.clock() })
  }

  /** The automatic snapshots of an instance or disk, or undefined when the region holds no such resource. */
  getAutoSnapshots(region: string, resourceName: string): AutoSnapshots | undefined {
    const kept = this.account.autoSnapshots.get(region)?.find((a) => a.resourceName === resourceName)
    if (kept) return kept
    if (this.getInstance(region, resourceName)) return { resourceName, resourceType: 'Instance', autoSnapshots: [] }
    return undefined
  }

  /** Whether a resource of that name exists in the region now (operations of deleted resources remain). */
  resourceExists(region: string, name: string): boolean {
    return (
      this.getInstance(region, name) !== undefined ||
      this.account.snapshots.get(region)?.some((s) => s.name === name) === true ||
      this.account.diskSnapshots.get(region)?.some((s) => s.name === name) === true ||
      this.account.operations.get(region)?.some((o) => o.resourceName === name) === true
    )
  }

  listOperations(region: string, pageToken: string | undefined): Page<Operation> | undefined {
    const all = this.account.operations.get(region) ?? []
    return this.page(`${region}/operations`, all, pageToken, OPERATIONS_PAGE_SIZE, (o) => this.operationNow(region, o))
  }

  listOperationsFor(region: string, resourceName: string, pageToken: string | undefined): Page<Operation> | undefined {
    const all = (this.account.operations.get(region) ?? []).filter((o) => o.resourceName === resourceName)
    return this.page(`${region}/operations/${resourceName}`, all, pageToken, OPERATIONS_PAGE_SIZE, (o) => this.operationNow(region, o))
  }

  getOperation(region: string, id: string): Operation | undefined {
    const found = this.account.operations.get(region)?.find((o) => o.id === id)
    return found && this.operationNow(region, found)
  }

  /**
   * Settles a pending instance or disk snapshot at once: for tests and demos. Its operations follow (Succeeded, or
   * Failed with an error code and details).
   */
  settle(region: string, name: string, state: string): SettleResult {
    const instance = this.getSnapshot(region, name)
    const disk = instance ? undefined : this.getDiskSnapshot(region, name)
    const kind: SnapshotKindName | undefined = instance ? 'instanceSnapshot' : disk ? 'diskSnapshot' : undefined
    if (!kind) return { ok: false, status: 404, error: `no instance or disk snapshot named ${name} in ${region}` }
    const current = (instance ?? disk)!.state
    if (current !== 'pending') return { ok: false, status: 409, error: `${name} is ${String(current)}, not pending` }
    if (!SETTLE_STATES[kind].includes(state)) {
      return { ok: false, status: 400, error: `a ${kind === 'instanceSnapshot' ? 'instance' : 'disk'} snapshot settles to ${SETTLE_STATES[kind].join(' or ')}` }
    }
    this.settled.set(key(kind, region, name), { state, at: this.clock() })
    return { ok: true, kind: kind as SnapshotKindName, state }
  }

  /** How a snapshot that was pending has ended, if it has: settled by the admin API, or by its plan's clock. */
  private outcome(kind: Follows['kind'], region: string, name: string): Settled | undefined {
    const settled = this.settled.get(key(kind, region, name))
    if (settled) return settled
    const plan = this.plan(kind, region, name)
    const startedAt = plan?.startedAt ?? this.startedAt
    if (plan && this.clock() - startedAt >= plan.durationMs) {
      return { state: plan.outcome ?? SETTLED_STATE[kind], at: startedAt + plan.durationMs }
    }
    return undefined
  }

  private plan(kind: Follows['kind'], region: string, name: string) {
    return this.account.pending.find((p) => p.kind === kind && p.region === region && p.name === name)
  }

  private instanceSnapshotNow(region: string, snapshot: InstanceSnapshot): InstanceSnapshot {
    const ended = this.outcome('instanceSnapshot', region, snapshot.name)
    return ended ? { ...snapshot, state: ended.state } : snapshot
  }

  private diskSnapshotNow(region: string, snapshot: DiskSnapshot): DiskSnapshot {
    const ended = this.outcome('diskSnapshot', region, snapshot.name)
    if (ended) return { ...snapshot, state: ended.state, progress: ended.state === 'completed' ? '100%' : snapshot.progress }
    const plan = this.plan('diskSnapshot', region, snapshot.name)
    if (!plan) return snapshot
    const from = plan.fromPercent ?? 0
    const percent = Math.floor(from + ((100 - from) * (this.clock() - (plan.startedAt ?? this.startedAt))) / plan.durationMs)
    return { ...snapshot, state: 'pending', progress: `${Math.min(percent, 99)}%` }
  }

  /** A resource a write made: its running state until its plan ends, then the state it settles to. */
  private madeState(kind: Follows['kind'], region: string, name: string): string | undefined {
    if (!this.plan(kind, region, name)) return undefined
    return this.outcome(kind, region, name)?.state ?? RUNNING_STATE[kind]
  }

  private instanceNow(region: string, instance: Instance): Instance {
    const state = this.madeState('instance', region, instance.name)
    return state ? { ...instance, state: { code: INSTANCE_STATE_CODES[state], name: state } } : instance
  }

  private diskNow(region: string, disk: Disk): Disk {
    const state = disk.name ? this.madeState('disk', region, disk.name) : undefined
    return state ? { ...disk, state } : disk
  }

  private exportRecordNow(region: string, record: ExportSnapshotRecord): ExportSnapshotRecord {
    const state = this.madeState('exportSnapshotRecord', region, record.name)
    return state ? { ...record, state } : record
  }

  /** The state of what an operation follows now, and whether that is still running or has failed. */
  private followed(region: string, follows: Follows): { running: boolean; failed: boolean } {
    switch (follows.kind) {
      case 'instanceSnapshot':
      case 'diskSnapshot': {
        const state = (follows.kind === 'instanceSnapshot' ? this.getSnapshot(region, follows.name) : this.getDiskSnapshot(region, follows.name))?.state
        return { running: state === 'pending', failed: state === 'error' }
      }
      default:
        return { running: this.madeState(follows.kind, region, follows.name) === RUNNING_STATE[follows.kind], failed: false }
    }
  }

  /** An operation that follows a snapshot reports that snapshot's state: Started while pending, then how it ended. */
  private operationNow(region: string, operation: Operation): Operation {
    const follows = operation.follows
    if (!follows) return operation
    const { running, failed } = this.followed(region, follows)
    if (running) return { ...operation, status: 'Started', isTerminal: false, statusChangedAt: operation.createdAt }
    const ended = this.outcome(follows.kind, region, follows.name)
    const at = ended ? new Date(ended.at) : operation.statusChangedAt
    if (failed) {
      return {
        ...operation,
        status: 'Failed',
        isTerminal: true,
        statusChangedAt: at,
        errorCode: operation.errorCode ?? DEFAULT_FAILURE.errorCode,
        errorDetails: operation.errorDetails ?? DEFAULT_FAILURE.errorDetails,
      }
    }
    return { ...operation, status: 'Succeeded', isTerminal: true, statusChangedAt: at }
  }

  /** One page of a list; `pageToken` must be one this store issued for the same list (region included). */
  private page<T>(list: string, all: readonly T[], pageToken: string | undefined, pageSize: number, now: (item: T) => T): Page<T> | undefined {
    let offset = 0
    if (pageToken !== undefined) {
      const issued = this.pageTokens.get(pageToken)
      if (!issued || issued.list !== list) return undefined
      offset = issued.offset
    }
    const items = all.slice(offset, offset + pageSize)
    let nextPageToken: string | undefined
    if (offset + items.length < all.length) {
      nextPageToken = randomBytes(24).toString('base64url')
      this.pageTokens.set(nextPageToken, { list, offset: offset + items.length })
    }
    return { items: items.map(now), nextPageToken }
  }
}

function key(kind: Follows['kind'], region: string, name: string): string {
  return `${kind}:${region}/${name}`
}
