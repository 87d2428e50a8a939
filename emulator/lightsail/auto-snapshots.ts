// GetAutoSnapshots: the automatic snapshots Lightsail keeps of an instance or disk (the seven newest), named by date.
// GetInstanceSnapshots does not list them.
import { lightsailErrors, requireName } from './errors.ts'
import type { Handlers } from './routes.ts'

export const autoSnapshotHandlers: Handlers = {
  GetAutoSnapshots(store, region, input) {
    const name = requireName(input, 'resourceName')
    const found = store.getAutoSnapshots(region, name)
    if (!found) throw lightsailErrors.notFound(`The resource does not exist: ${name}`)
    return { resourceName: found.resourceName, resourceType: found.resourceType, autoSnapshots: found.autoSnapshots }
  },
}
