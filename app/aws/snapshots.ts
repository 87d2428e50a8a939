// One function per Lightsail operation the app uses. The only place that builds Lightsail commands.
import { GetInstanceSnapshotCommand, type InstanceSnapshot } from '@aws-sdk/client-lightsail'
import { malformed } from './errors.ts'
import type { AwsSession } from './session.ts'
import { INSTANCE_SNAPSHOT, shapeProblem } from './shape-check.ts'

export type { AddOn, Disk, InstanceSnapshot, ResourceLocation, Tag } from '@aws-sdk/client-lightsail'

export interface SnapshotResult {
  snapshot: InstanceSnapshot
  /** The service's request id, for support and for the raw download. */
  requestId?: string
}

export async function getInstanceSnapshot(session: AwsSession, region: string, name: string, signal?: AbortSignal): Promise<SnapshotResult> {
  const output = await session.lightsail.call(
    region,
    (client, abortSignal) => client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: name }), { abortSignal }),
    signal,
  )
  const requestId = output.$metadata.requestId
  if (!output.instanceSnapshot) throw malformed(`Lightsail answered without the snapshot ${name}.`, requestId)
  const problem = shapeProblem(INSTANCE_SNAPSHOT, output.instanceSnapshot)
  if (problem) throw malformed(`Lightsail's answer for ${name} is malformed: ${problem}.`, requestId)
  return { snapshot: output.instanceSnapshot, requestId }
}
