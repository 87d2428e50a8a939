// What Lightsail reports around a snapshot, each read its own call: its operations (history, why it failed, how long
// the instance's snapshots take), the source instance today, and the automatic snapshots Lightsail keeps of it. None
// of this is on a snapshot link's first screen: the module loads after the snapshot has answered.
import {
  GetAutoSnapshotsCommand,
  GetInstanceCommand,
  GetOperationsForResourceCommand,
  type AutoSnapshotDetails,
  type Instance,
  type Operation,
} from '@aws-sdk/client-lightsail'
import { AppError, malformed } from './errors.ts'
import type { AwsSession } from './session.ts'
import { AUTO_SNAPSHOT, INSTANCE, OPERATION } from './context-shapes.ts'
import { shapeProblem } from './shapes.ts'

export type { AutoSnapshotDetails, Instance, Operation } from '@aws-sdk/client-lightsail'

/** GetOperationsForResource pages hold up to 200 operations; a resource's whole life is rarely more than a few pages. */
const MAX_OPERATION_PAGES = 10

/** Every operation Lightsail keeps for a resource, oldest first, following `nextPageToken` (within MAX_OPERATION_PAGES). */
export async function getOperationsForResource(session: AwsSession, region: string, resourceName: string, signal?: AbortSignal): Promise<Operation[]> {
  const all: Operation[] = []
  let pageToken: string | undefined
  for (let page = 0; page < MAX_OPERATION_PAGES; page++) {
    const out = await session.lightsail.call(
      region,
      (client, abortSignal) => client.send(new GetOperationsForResourceCommand({ resourceName, pageToken }), { abortSignal }),
      signal,
    )
    const list: unknown = out.operations ?? []
    const problem = shapeProblem([OPERATION], list, 'operations')
    if (problem) throw malformed(`Lightsail's operations of ${resourceName} are malformed: ${problem}.`, out.$metadata.requestId)
    all.push(...(list as Operation[]))
    pageToken = out.nextPageToken
    if (!pageToken) break
  }
  return all
}

export type SourceToday = { exists: true; instance: Instance } | { exists: false }

/** The instance as it is now; a not-found answer means it was deleted (its snapshots remain). */
export async function getSourceInstance(session: AwsSession, region: string, instanceName: string, signal?: AbortSignal): Promise<SourceToday> {
  try {
    const out = await session.lightsail.call(region, (client, abortSignal) => client.send(new GetInstanceCommand({ instanceName }), { abortSignal }), signal)
    if (!out.instance) throw malformed(`Lightsail answered GetInstance without the instance ${instanceName}.`, out.$metadata.requestId)
    const problem = shapeProblem(INSTANCE, out.instance, 'instance')
    if (problem) throw malformed(`Lightsail's answer for the instance ${instanceName} is malformed: ${problem}.`, out.$metadata.requestId)
    return { exists: true, instance: out.instance }
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not-found') return { exists: false }
    throw error
  }
}

export type AutoSnapshotsToday = { exists: true; autoSnapshots: AutoSnapshotDetails[] } | { exists: false }

/** The automatic snapshots Lightsail keeps of an instance or disk (the seven newest), newest first. */
export async function getAutoSnapshots(session: AwsSession, region: string, resourceName: string, signal?: AbortSignal): Promise<AutoSnapshotsToday> {
  try {
    const out = await session.lightsail.call(region, (client, abortSignal) => client.send(new GetAutoSnapshotsCommand({ resourceName }), { abortSignal }), signal)
    const list: unknown = out.autoSnapshots ?? []
    const problem = shapeProblem([AUTO_SNAPSHOT], list, 'autoSnapshots')
    if (problem) throw malformed(`Lightsail's automatic snapshots of ${resourceName} are malformed: ${problem}.`, out.$metadata.requestId)
    return { exists: true, autoSnapshots: [...(list as AutoSnapshotDetails[])].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '')) }
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not-found') return { exists: false }
    throw error
  }
}
