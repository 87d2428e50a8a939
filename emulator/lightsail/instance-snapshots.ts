// GetInstanceSnapshot and GetInstanceSnapshots. Instance snapshots carry no `progress`: the API reference says it is
// "null for instance snapshots", so the emulator never sends one.
import { invalidPageToken, lightsailErrors, pageToken, requireName } from './errors.ts'
import type { Handlers } from './routes.ts'

export const instanceSnapshotHandlers: Handlers = {
  GetInstanceSnapshot(store, region, input) {
    const name = requireName(input, 'instanceSnapshotName')
    const snapshot = store.getSnapshot(region, name)
    if (!snapshot) throw lightsailErrors.notFound(`The InstanceSnapshot does not exist: ${name}`)
    return { instanceSnapshot: snapshot }
  },

  GetInstanceSnapshots(store, region, input) {
    const token = pageToken(input)
    const page = store.listSnapshots(region, token)
    if (!page) throw invalidPageToken(token)
    return { instanceSnapshots: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) }
  },
}
