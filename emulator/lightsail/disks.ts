// GetDisk, GetDisks and CreateDiskFromSnapshot: block storage disks, standing alone or attached to an instance (system
// disks are the instance's, never listed here).
import type { Disk } from '../model.ts'
import { booleanMember, integerMember, invalidPageToken, lightsailErrors, optionalName, pageToken, requireName, stringMember } from './errors.ts'
import type { Handlers } from './routes.ts'
import { createDiskFromSnapshot } from './writes.ts'

/** A disk as GetDisk answers it: the discontinued attachmentState is still sent, as the AWS CLI's examples show. */
function asAnswered(disk: Disk): Disk {
  return { ...disk, attachmentState: disk.attachmentState ?? (disk.isAttached ? 'attached' : 'detached') }
}

export const diskHandlers: Handlers = {
  GetDisk(store, region, input) {
    const name = requireName(input, 'diskName')
    const disk = store.getDisk(region, name)
    if (!disk) throw lightsailErrors.notFound(`The Disk does not exist: ${name}`)
    return { disk: asAnswered(disk) }
  },

  GetDisks(store, region, input) {
    const token = pageToken(input)
    const page = store.listDisks(region, token)
    if (!page) throw invalidPageToken(token)
    return { disks: page.items.map(asAnswered), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) }
  },

  CreateDiskFromSnapshot(store, region, input) {
    const operations = createDiskFromSnapshot(store, region, {
      diskName: requireName(input, 'diskName'),
      availabilityZone: stringMember(input, 'availabilityZone', true),
      sizeInGb: integerMember(input, 'sizeInGb'),
      diskSnapshotName: optionalName(input, 'diskSnapshotName'),
      sourceDiskName: stringMember(input, 'sourceDiskName'),
      restoreDate: stringMember(input, 'restoreDate'),
      useLatestRestorableAutoSnapshot: booleanMember(input, 'useLatestRestorableAutoSnapshot'),
    })
    return { operations }
  },
}
