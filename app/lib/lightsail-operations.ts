// The Lightsail operations Snapshot Lens calls, defined once, each with the feature that needs it. The role's policy
// (deploy/aws), the relays' target allow-list (app/lib/relay-rules.ts, nginx, CloudFront) and docs/permissions.md come
// from this list or are held to it by tests; the emulator, which knows nothing of the app, seeds its reader roles with
// the same actions, and a test holds the two together. Every one of them is a read: the app never calls an operation
// that changes anything.

/** The names alone: what the browser's code needs (the relays' allow-list), without the words below. */
export const LIGHTSAIL_OPERATION_NAMES = [
  'GetInstanceSnapshot',
  'GetInstanceSnapshots',
  'GetRegions',
  'GetOperationsForResource',
  'GetInstance',
  'GetInstances',
  'GetAutoSnapshots',
  'GetDiskSnapshot',
  'GetDiskSnapshots',
  'GetBundles',
] as const

export type LightsailOperation = (typeof LIGHTSAIL_OPERATION_NAMES)[number]

/** What each operation is for, in docs/permissions.md's words (a test holds the two together). */
export const LIGHTSAIL_OPERATIONS: Record<LightsailOperation, string> = {
  GetInstanceSnapshot: 'the snapshot page: one instance snapshot',
  GetInstanceSnapshots: 'the inventory: every instance snapshot of a region',
  GetRegions: 'the inventory: which regions the account can use; the restore commands: their Availability Zones',
  GetOperationsForResource: "the snapshot page: its history, why it failed, and how long the instance's snapshots take",
  GetInstance: 'the snapshot page: the source instance today, or that it no longer exists',
  GetInstances: 'the inventory and clean-up: which source instances still exist',
  GetAutoSnapshots: 'the snapshot page: the automatic snapshots Lightsail keeps of the source',
  GetDiskSnapshot: 'the disk snapshot page',
  GetDiskSnapshots: 'the inventory: every disk snapshot of a region',
  GetBundles: 'the restore commands: the bundles a new instance may use',
}

/** IAM actions, `lightsail:<Operation>`: what the app's role must allow, and no more. */
export const LIGHTSAIL_ACTIONS = LIGHTSAIL_OPERATION_NAMES.map((op) => `lightsail:${op}`)

/** The `X-Amz-Target` values a Lightsail relay forwards: the app's own operations, and nothing else. */
export const LIGHTSAIL_TARGETS = LIGHTSAIL_OPERATION_NAMES.map((op) => `Lightsail_20161128.${op}`)
