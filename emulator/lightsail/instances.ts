// GetInstance and GetInstances: the instances that exist now. A snapshot's source may have been deleted since.
import { invalidPageToken, lightsailErrors, pageToken, requireName } from './errors.ts'
import type { Handlers } from './routes.ts'

export const instanceHandlers: Handlers = {
  GetInstance(store, region, input) {
    const name = requireName(input, 'instanceName')
    const instance = store.getInstance(region, name)
    if (!instance) throw lightsailErrors.notFound(`The Instance does not exist: ${name}`)
    return { instance }
  },

  GetInstances(store, region, input) {
    const token = pageToken(input)
    const page = store.listInstances(region, token)
    if (!page) throw invalidPageToken(token)
    return { instances: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) }
  },
}
