// GetDiskSnapshot and GetDiskSnapshots: block storage disk snapshots, which report `progress` while pending and end
// `completed`.
import { invalidPageToken, lightsailErrors, pageToken, requireName } from './errors.ts'
import type { Handlers } from './routes.ts'

export const diskSnapshotHandlers: Handlers = {
  GetDiskSnapshot(store, region, input) {
    const name = requireName(input, 'diskSnapshotName')
    const snapshot = store.getDiskSnapshot(region, name)
    if (!snapshot) throw lightsailErrors.notFound(`The DiskSnapshot does not exist: ${name}`)
    return { diskSnapshot: snapshot }
  },

  GetDiskSnapshots(store, region, input) {
    const token = pageToken(input)
    const page = store.listDiskSnapshots(region, token)
    if (!page) throw invalidPageToken(token)
    return { diskSnapshots: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) }
  },
}
