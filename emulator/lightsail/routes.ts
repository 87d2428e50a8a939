// The routing table of the Lightsail protocol: each operation's target name to the handler that reads its input and
// asks the model. Handlers return model values (Dates and all); the server turns them into JSON 1.1.
import type { Store } from '../store.ts'
import { autoSnapshotHandlers } from './auto-snapshots.ts'
import { bundleHandlers } from './bundles.ts'
import { copySnapshotHandlers } from './copy-snapshot.ts'
import { diskSnapshotHandlers } from './disk-snapshots.ts'
import { diskHandlers } from './disks.ts'
import { conditionError } from './errors.ts'
import { exportSnapshotRecordHandlers } from './export-snapshot-records.ts'
import { instanceHandlers } from './instances.ts'
import { instanceSnapshotHandlers } from './instance-snapshots.ts'
import { operationHandlers } from './operations.ts'
import { regionHandlers } from './regions.ts'

export type Handler = (store: Store, region: string, input: Record<string, unknown>) => unknown
export type Handlers = Record<string, Handler>

/** Operations that answer whatever state the region is in: what the service offers, not what the account holds. */
const UNCONDITIONAL = new Set(['GetRegions', 'GetBundles'])

const HANDLERS: Handlers = {
  ...instanceSnapshotHandlers,
  ...diskSnapshotHandlers,
  ...instanceHandlers,
  ...autoSnapshotHandlers,
  ...operationHandlers,
  ...regionHandlers,
  ...bundleHandlers,
  ...diskHandlers,
  ...copySnapshotHandlers,
  ...exportSnapshotRecordHandlers,
}

/** The handler for an operation, with the region's condition (access denied, account setup) checked first. */
export function lightsailHandler(operation: string): Handler | undefined {
  const handler = Object.hasOwn(HANDLERS, operation) ? HANDLERS[operation] : undefined
  if (!handler) return undefined
  return (store, region, input) => {
    const condition = UNCONDITIONAL.has(operation) ? undefined : store.regionCondition(region)
    if (condition) throw conditionError(condition, operation)
    return handler(store, region, input)
  }
}

export const LIGHTSAIL_OPERATIONS = Object.keys(HANDLERS)
