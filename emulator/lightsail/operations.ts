// GetOperations, GetOperationsForResource and GetOperation: what was done to each resource, when, and how it ended.
// Pages run "from oldest to newest, up to a maximum of 200" (the API reference). A deleted resource's operations remain.
import { invalidPageToken, lightsailErrors, pageToken, requireName } from './errors.ts'
import type { Handlers } from './routes.ts'

export const operationHandlers: Handlers = {
  GetOperations(store, region, input) {
    const token = pageToken(input)
    const page = store.listOperations(region, token)
    if (!page) throw invalidPageToken(token)
    return { operations: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) }
  },

  GetOperationsForResource(store, region, input) {
    const name = requireName(input, 'resourceName')
    const token = pageToken(input)
    if (!store.resourceExists(region, name)) throw lightsailErrors.notFound(`The resource does not exist: ${name}`)
    const page = store.listOperationsFor(region, name, token)
    if (!page) throw invalidPageToken(token)
    return { operations: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) }
  },

  GetOperation(store, region, input) {
    const id = input.operationId
    if (typeof id !== 'string' || !/\S/.test(id)) throw lightsailErrors.invalidInput('operationId is required')
    const operation = store.getOperation(region, id)
    if (!operation) throw lightsailErrors.notFound(`The Operation does not exist: ${id}`)
    return { operation }
  },
}
