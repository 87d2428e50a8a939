// The shapes of the answers only lazily loaded code reads (the disk snapshot page, the inventory, the snapshot's
// context, the restore commands): apart from shapes.ts, which the first load carries, so they stay out of it.
import { DISK, LOCATION, RESOURCE, type Shape } from './shapes.ts'

export const DISK_SNAPSHOT: Shape = {
  ...RESOURCE,
  sizeInGb: 'n',
  state: 's',
  progress: 's',
  fromDiskName: 's',
  fromDiskArn: 's',
  fromInstanceName: 's',
  fromInstanceArn: 's',
  isFromAutoSnapshot: 'b',
}

export const OPERATION: Shape = {
  id: 's',
  resourceName: 's',
  resourceType: 's',
  createdAt: 'd',
  location: LOCATION,
  isTerminal: 'b',
  operationDetails: 's',
  operationType: 's',
  status: 's',
  statusChangedAt: 'd',
  errorCode: 's',
  errorDetails: 's',
}

/** What "the source today" reads of an instance, and the restore commands (its disks: an automatic snapshot's size). */
export const INSTANCE: Shape = { ...RESOURCE, bundleId: 's', blueprintId: 's', state: { code: 'n', name: 's' }, hardware: { cpuCount: 'n', ramSizeInGb: 'n', disks: [DISK] } }

export const AUTO_SNAPSHOT: Shape = { date: 's', createdAt: 'd', status: 's', fromAttachedDisks: [{ path: 's', sizeInGb: 'n' }] }

/** What the restore commands read of a bundle (GetBundles): its platform, size, price and specs. */
export const BUNDLE: Shape = {
  bundleId: 's',
  name: 's',
  price: 'n',
  cpuCount: 'n',
  ramSizeInGb: 'n',
  diskSizeInGb: 'n',
  transferPerMonthInGb: 'n',
  isActive: 'b',
  supportedPlatforms: ['s'],
  supportedAppCategories: ['s'],
}

/** What the restore commands read of a region (GetRegions with its Availability Zones). */
export const REGION_WITH_ZONES: Shape = { name: 's', displayName: 's', availabilityZones: [{ zoneName: 's', state: 's' }] }
