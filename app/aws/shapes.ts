// The shapes of the answers the app reads, checked in one place: the SDK turns JSON into objects but does not check
// their types, so a string where a list is due (`"tags": "notanarray"`) would reach a card and throw there. Each shape
// names only the fields the app reads (others pass untouched); every field is optional, as in botocore's model, and
// null counts as absent. A problem is named by its path, so the page can say which field was wrong.
// The check itself and the snapshot link's own shape live in shape-check.ts, the part the first load needs (re-exported
// here); only lazily loaded code imports this module, so the other shapes never ride in a snapshot link's first load.

export { ADD_ON, DISK, INSTANCE_SNAPSHOT, LOCATION, RESOURCE, shapeProblem, TAG, type Shape } from './shape-check.ts'
import { DISK, LOCATION, RESOURCE, type Shape } from './shape-check.ts'

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
