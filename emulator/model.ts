// The emulator's own shape of Lightsail data: the wire shape, with timestamps held as Dates.
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
  progress?: string
  fromAttachedDisks?: Disk[]
  fromInstanceName?: string
  fromInstanceArn?: string
  fromBlueprintId?: string
  fromBundleId?: string
  isFromAutoSnapshot?: boolean
  sizeInGb?: number
  [extra: string]: unknown
}

/** A pending snapshot that completes on the emulator's clock: progress rises from `from` to 100% over `durationMs`. */
export interface PendingPlan {
  name: string
  region: string
  fromPercent: number
  durationMs: number
}

/** A region whose every Lightsail call fails the way a real account can. */
export type RegionCondition = 'AccountSetupInProgress' | 'AccessDenied'

export interface Account {
  snapshots: Map<string, InstanceSnapshot[]>
  pending: PendingPlan[]
  regionConditions: Map<string, RegionCondition>
}
