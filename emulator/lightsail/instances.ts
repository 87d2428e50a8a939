// GetInstance and GetInstances: the instances that exist now. A snapshot's source may have been deleted since.
// CreateInstancesFromSnapshot: new instances from a manual or automatic snapshot (the model is in writes.ts).
import { booleanMember, invalidPageToken, lightsailErrors, NAME_PATTERN, optionalName, pageToken, requireName, stringMember } from './errors.ts'
import type { Handlers } from './routes.ts'
import { createInstancesFromSnapshot, type RestoreRequest } from './writes.ts'

/** instanceNames: a list of names, each checked as Lightsail checks names. */
function instanceNames(input: Record<string, unknown>): string[] {
  const value = input.instanceNames
  if (value === undefined || value === null) throw lightsailErrors.invalidInput('instanceNames is required')
  if (!Array.isArray(value)) throw lightsailErrors.invalidInput('instanceNames must be a list of names')
  return value.map((name: unknown, i) => requireName({ [`instanceNames[${i}]`]: name }, `instanceNames[${i}]`))
}

/** attachedDiskMapping: new instance name to the disks to make from the snapshot's, by their original path. */
function diskMapping(input: Record<string, unknown>): RestoreRequest['attachedDiskMapping'] {
  const value = input.attachedDiskMapping
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) throw lightsailErrors.invalidInput('attachedDiskMapping must be a map of instance names to disk mappings')
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, list]) => {
      if (!NAME_PATTERN.test(name)) throw lightsailErrors.invalidInput(`attachedDiskMapping names an invalid instance name: ${JSON.stringify(name)}`)
      if (!Array.isArray(list)) throw lightsailErrors.invalidInput('attachedDiskMapping values must be lists of disk mappings')
      return [name, list.map((m: unknown) => {
        const entry = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>
        return { originalDiskPath: stringMember(entry, 'originalDiskPath', true), newDiskName: requireName(entry, 'newDiskName') }
      })]
    }),
  )
}

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

  CreateInstancesFromSnapshot(store, region, input) {
    const ipAddressType = stringMember(input, 'ipAddressType')
    if (ipAddressType !== undefined && !['dualstack', 'ipv4', 'ipv6'].includes(ipAddressType)) {
      throw lightsailErrors.invalidInput(`ipAddressType must be dualstack, ipv4 or ipv6: ${ipAddressType}`)
    }
    const operations = createInstancesFromSnapshot(store, region, {
      instanceNames: instanceNames(input),
      availabilityZone: stringMember(input, 'availabilityZone', true),
      bundleId: stringMember(input, 'bundleId', true),
      instanceSnapshotName: optionalName(input, 'instanceSnapshotName'),
      sourceInstanceName: stringMember(input, 'sourceInstanceName'),
      restoreDate: stringMember(input, 'restoreDate'),
      useLatestRestorableAutoSnapshot: booleanMember(input, 'useLatestRestorableAutoSnapshot'),
      keyPairName: optionalName(input, 'keyPairName'),
      ipAddressType,
      attachedDiskMapping: diskMapping(input),
    })
    return { operations }
  },
}
