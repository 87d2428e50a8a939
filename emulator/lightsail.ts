// Lightsail: GetInstanceSnapshot, GetInstanceSnapshots and GetRegions, with the errors and wire shapes AWS uses.
import type { Disk, InstanceSnapshot, RegionCondition } from './model.ts'
import type { Store } from './store.ts'
import { AwsError, epochSeconds } from './wire.ts'

const DOCS = 'https://lightsail.aws.amazon.com/ls/docs'

/** Lightsail's modelled errors carry `code`, `docs`, `message` and `tip`, with the status the SDK's model gives. */
function lightsailError(status: number, type: string, code: string, message: string, tip: string): AwsError {
  return new AwsError(status, type, message, { code, docs: DOCS, tip })
}

export const lightsailErrors = {
  invalidInput: (message: string) =>
    lightsailError(400, 'InvalidInputException', 'InvalidInput', message, 'Check the request parameters and try again.'),
  notFound: (message: string) =>
    lightsailError(404, 'NotFoundException', 'NotFound', message, 'Check the name and the region of the resource.'),
  accessDenied: (action: string) =>
    lightsailError(403, 'AccessDeniedException', 'AccessDenied',
      `User is not authorized to perform: lightsail:${action}`,
      `Ask your administrator to allow lightsail:${action} for your role.`),
  /** Denied by the caller's role: `message` names the role, the action and the resource, as IAM words it. */
  accessDeniedFor: (message: string, action: string) =>
    lightsailError(403, 'AccessDeniedException', 'AccessDenied', message, `Ask your administrator to allow ${action} for your role.`),
  accountSetupInProgress: () =>
    lightsailError(428, 'AccountSetupInProgressException', 'AccountSetupInProgress',
      'Your account is still being set up. Please try again in a few minutes.',
      'Account setup usually completes within a few minutes of sign-up.'),
  regionSetupInProgress: (region: string) =>
    lightsailError(428, 'RegionSetupInProgressException', 'RegionSetupInProgress',
      `Region ${region} is still being set up for your account.`, 'Try again in a few minutes.'),
  unauthenticated: () =>
    lightsailError(401, 'UnauthenticatedException', 'Unauthenticated', 'The request is not authenticated.', 'Sign in and try again.'),
  operationFailure: (message: string) =>
    lightsailError(400, 'OperationFailureException', 'OperationFailure', message, 'Try again later.'),
  service: () => lightsailError(500, 'ServiceException', 'ServiceException', 'An internal error occurred.', 'Try again later.'),
}

/** Lightsail's rule for resource names. */
export const NAME_PATTERN = /^\w[\w-]*\w$/

export interface RegionInfo {
  name: string
  displayName: string
  continentCode: string
  description: string
}

export const REGIONS: RegionInfo[] = [
  ['us-east-1', 'Virginia', 'NA'], ['us-east-2', 'Ohio', 'NA'], ['us-west-2', 'Oregon', 'NA'],
  ['ca-central-1', 'Canada', 'NA'], ['eu-west-1', 'Ireland', 'EU'], ['eu-west-2', 'London', 'EU'],
  ['eu-west-3', 'Paris', 'EU'], ['eu-central-1', 'Frankfurt', 'EU'], ['eu-north-1', 'Stockholm', 'EU'],
  ['ap-south-1', 'Mumbai', 'AS'], ['ap-southeast-1', 'Singapore', 'AS'], ['ap-southeast-2', 'Sydney', 'AU'],
  ['ap-southeast-3', 'Jakarta', 'AS'], ['ap-northeast-1', 'Tokyo', 'AS'], ['ap-northeast-2', 'Seoul', 'AS'],
  ['ap-east-1', 'Hong Kong', 'AS'], ['ap-southeast-5', 'Malaysia', 'AS'], ['eu-south-2', 'Spain', 'EU'], ['sa-east-1', 'São Paulo', 'SA'],
].map(([name, displayName, continentCode]) => ({
  name: name!, displayName: displayName!, continentCode: continentCode!,
  description: `This region is recommended to serve users in ${displayName}`,
}))

function wireDisk(disk: Disk) {
  return { ...disk, createdAt: disk.createdAt && epochSeconds(disk.createdAt) }
}

export function wireSnapshot(snapshot: InstanceSnapshot) {
  return {
    ...snapshot,
    createdAt: snapshot.createdAt && epochSeconds(snapshot.createdAt),
    fromAttachedDisks: snapshot.fromAttachedDisks?.map(wireDisk),
  }
}

function conditionError(condition: RegionCondition, operation: string): AwsError {
  return condition === 'AccessDenied' ? lightsailErrors.accessDenied(operation) : lightsailErrors.accountSetupInProgress()
}

function requireName(input: Record<string, unknown>, field: string): string {
  const value = input[field]
  if (value === undefined || value === null) throw lightsailErrors.invalidInput(`${field} is required`)
  if (typeof value !== 'string' || !NAME_PATTERN.test(value) || value.length > 255) {
    throw lightsailErrors.invalidInput(
      `${field} must start and end with a letter or number, and contain only letters, numbers, underscores and hyphens: ${JSON.stringify(value)}`,
    )
  }
  return value
}

export type LightsailOperation = (store: Store, region: string, input: Record<string, unknown>) => unknown

export const lightsailOperations: Record<string, LightsailOperation> = {
  GetInstanceSnapshot(store, region, input) {
    const name = requireName(input, 'instanceSnapshotName')
    const condition = store.regionCondition(region)
    if (condition) throw conditionError(condition, 'GetInstanceSnapshot')
    const snapshot = store.getSnapshot(region, name)
    if (!snapshot) throw lightsailErrors.notFound(`The InstanceSnapshot does not exist: ${name}`)
    return { instanceSnapshot: wireSnapshot(snapshot) }
  },

  GetInstanceSnapshots(store, region, input) {
    const token = input.pageToken
    if (token !== undefined && typeof token !== 'string') throw lightsailErrors.invalidInput('pageToken must be a string')
    const condition = store.regionCondition(region)
    if (condition) throw conditionError(condition, 'GetInstanceSnapshots')
    const page = store.listSnapshots(region, token)
    if (!page) throw lightsailErrors.invalidInput(`Invalid pageToken: ${String(token)}`)
    return {
      instanceSnapshots: page.snapshots.map(wireSnapshot),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    }
  },

  GetRegions(_store, _region, input) {
    const zones = input.includeAvailabilityZones === true
    return {
      regions: REGIONS.map((r) => ({
        ...r,
        availabilityZones: zones ? ['a', 'b', 'c'].map((z) => ({ zoneName: `${r.name}${z}`, state: 'available' })) : [],
        relationalDatabaseAvailabilityZones: [],
      })),
    }
  },
}
