// The shapes of the answers only lazily loaded code reads (the disk snapshot page, the inventory, the snapshot's
// context): apart from shapes.ts, which the first load carries, so they stay out of it.
import { LOCATION, RESOURCE, type Shape } from './shapes.ts'

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

/** What "the source today" reads of an instance. */
export const INSTANCE: Shape = { ...RESOURCE, bundleId: 's', blueprintId: 's', state: { code: 'n', name: 's' } }

export const AUTO_SNAPSHOT: Shape = { date: 's', createdAt: 'd', status: 's', fromAttachedDisks: [{ path: 's', sizeInGb: 'n' }] }
