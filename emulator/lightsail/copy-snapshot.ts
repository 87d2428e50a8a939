// CopySnapshot: a manual instance or disk snapshot copied, or an automatic one kept as a manual snapshot, within a
// region or from another. Answered in the target region: the call's own.
import { booleanMember, optionalName, requireName, stringMember } from './errors.ts'
import type { Handlers } from './routes.ts'
import { copySnapshot } from './writes.ts'

export const copySnapshotHandlers: Handlers = {
  CopySnapshot(store, region, input) {
    const operations = copySnapshot(store, region, {
      targetSnapshotName: requireName(input, 'targetSnapshotName'),
      sourceRegion: stringMember(input, 'sourceRegion', true),
      sourceSnapshotName: optionalName(input, 'sourceSnapshotName'),
      sourceResourceName: stringMember(input, 'sourceResourceName'),
      restoreDate: stringMember(input, 'restoreDate'),
      useLatestRestorableAutoSnapshot: booleanMember(input, 'useLatestRestorableAutoSnapshot'),
    })
    return { operations }
  },
}
