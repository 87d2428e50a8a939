// The emulator's own shape of Lightsail data: the wire shape of botocore's model, with timestamps held as Dates.
// Instance snapshots carry no `progress` (the API reference: "null for instance snapshots"); disk snapshots do.
export interface Tag {
  key: string
  value?: string
}

export interface ResourceLocation {
  availabilityZone?: string
  regionName?: string
}

export interface AddOn {
  name?: string
  status?: string
  snapshotTimeOfDay?: string
  nextSnapshotTimeOfDay?: string
  threshold?: string
  duration?: string
}

/** The fields every Lightsail resource carries. */
interface Resource {
  arn?: string
  supportCode?: string
  createdAt?: Date
  location?: ResourceLocation
  resourceType?: string
  tags?: Tag[]
}

export interface Disk extends Resource {
  name?: string
  addOns?: AddOn[]
  sizeInGb?: number
  isSystemDisk?: boolean
  iops?: number
  path?: string
  state?: string
  attachedTo?: string
  isAttached?: boolean
  attachmentState?: string
  gbInUse?: number
  autoMountStatus?: string
  [extra: string]: unknown
}

export interface InstanceSnapshot extends Resource {
  name: string
  state?: string
  fromAttachedDisks?: Disk[]
  fromInstanceName?: string
  fromInstanceArn?: string
  fromBlueprintId?: string
  fromBundleId?: string
  isFromAutoSnapshot?: boolean
  sizeInGb?: number
  [extra: string]: unknown
}

/** A block storage disk snapshot (DiskSnapshot): it reports `progress`, and ends `completed`. */
export interface DiskSnapshot extends Resource {
  name: string
  sizeInGb?: number
  state?: string
  progress?: string
  fromDiskName?: string
  fromDiskArn?: string
  fromInstanceName?: string
  fromInstanceArn?: string
  isFromAutoSnapshot?: boolean
  [extra: string]: unknown
}

/** An instance as GetInstance answers it (the fields the emulator fills; unknown ones pass through from --data). */
export interface Instance extends Resource {
  name: string
  blueprintId?: string
  blueprintName?: string
  bundleId?: string
  addOns?: AddOn[]
  isStaticIp?: boolean
  privateIpAddress?: string
  publicIpAddress?: string
  ipAddressType?: string
  hardware?: { cpuCount?: number; ramSizeInGb?: number; disks?: Disk[] }
  state?: { code?: number; name?: string }
  username?: string
  sshKeyName?: string
  [extra: string]: unknown
}

/** One of the automatic snapshots Lightsail keeps of an instance or disk (AutoSnapshotDetails). */
export interface AutoSnapshot {
  /** `YYYY-MM-DD`: automatic snapshots are named by their date and their source. */
  date: string
  createdAt?: Date
  /** Success, Failed, InProgress or NotFound. */
  status?: string
  fromAttachedDisks?: { path?: string; sizeInGb?: number }[]
}

export interface AutoSnapshots {
  resourceName: string
  /** Instance or Disk. */
  resourceType: string
  autoSnapshots: AutoSnapshot[]
}

/** An export snapshot record (ExportSnapshot's result): `Started`, then `Succeeded`. */
export interface ExportSnapshotRecord extends Resource {
  name: string
  state?: string
  sourceInfo?: {
    resourceType?: string
    createdAt?: Date
    name?: string
    arn?: string
    fromResourceName?: string
    fromResourceArn?: string
    instanceSnapshotInfo?: { fromBundleId?: string; fromBlueprintId?: string; fromDiskInfo?: { name?: string; path?: string; sizeInGb?: number; isSystemDisk?: boolean }[] }
    diskSnapshotInfo?: { sizeInGb?: number }
  }
  destinationInfo?: { id?: string; service?: string }
}

/** The kinds of snapshot, which settle to a state of their own (or to error). */
export type SnapshotKindName = 'instanceSnapshot' | 'diskSnapshot'

/**
 * The resource whose state an operation follows while it runs (its status is derived from that state): a snapshot, or
 * what a write operation made (an instance, a disk, an export record).
 */
export interface Follows {
  kind: SnapshotKindName | 'instance' | 'disk' | 'exportSnapshotRecord'
  name: string
}

/** An operation, as GetOperation(s) and GetOperationsForResource answer it. */
export interface Operation {
  id: string
  resourceName?: string
  resourceType?: string
  createdAt?: Date
  location?: ResourceLocation
  isTerminal?: boolean
  operationDetails?: string
  operationType?: string
  /** NotStarted, Started, Failed, Completed or Succeeded. */
  status?: string
  statusChangedAt?: Date
  errorCode?: string
  errorDetails?: string
  /** Emulator only, never sent: the snapshot whose state this operation's status follows. */
  follows?: Follows
  [extra: string]: unknown
}

/**
 * A pending snapshot that settles on the emulator's clock after `durationMs` (a disk snapshot's progress rises from
 * `fromPercent` to 100% meanwhile). Without a plan a pending snapshot stays pending until settled by the admin API.
 */
export interface PendingPlan {
  kind: Follows['kind']
  name: string
  region: string
  durationMs: number
  /** Disk snapshots: the progress when the emulator starts. */
  fromPercent?: number
  /** What it settles to: available (instance) or completed (disk) by default. */
  outcome?: string
  /** When its clock starts (epoch ms): what a write made starts when made; the loaded account's, when the store starts. */
  startedAt?: number
}

/** A region whose every Lightsail call fails the way a real account can. */
export type RegionCondition = 'AccountSetupInProgress' | 'AccessDenied'

/** The data of one account, per region. */
export interface Account {
  snapshots: Map<string, InstanceSnapshot[]>
  diskSnapshots: Map<string, DiskSnapshot[]>
  instances: Map<string, Instance[]>
  /** Block storage disks that stand alone (made by CreateDiskFromSnapshot); attached ones live in their instance's hardware. */
  disks: Map<string, Disk[]>
  exportSnapshotRecords: Map<string, ExportSnapshotRecord[]>
  /** Per region: the automatic snapshots of each resource that has them. */
  autoSnapshots: Map<string, AutoSnapshots[]>
  /** Per region, oldest first. */
  operations: Map<string, Operation[]>
  pending: PendingPlan[]
  regionConditions: Map<string, RegionCondition>
  /** Opt-in regions this account has not enabled: GetRegions leaves them out and they refuse every call. */
  disabledRegions: Set<string>
}

export function emptyAccount(): Account {
  return {
    snapshots: new Map(),
    diskSnapshots: new Map(),
    instances: new Map(),
    disks: new Map(),
    exportSnapshotRecords: new Map(),
    autoSnapshots: new Map(),
    operations: new Map(),
    pending: [],
    regionConditions: new Map(),
    disabledRegions: new Set(),
  }
}

/** Adds an item to a region's list. */
export function addTo<T>(map: Map<string, T[]>, region: string, item: T): void {
  const list = map.get(region)
  if (list) list.push(item)
  else map.set(region, [item])
}
