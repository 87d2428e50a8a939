// One function per Lightsail operation the app uses. The only place that builds Lightsail commands.
import {
  GetInstanceSnapshotCommand,
  GetInstanceSnapshotsCommand,
  type InstanceSnapshot,
} from '@aws-sdk/client-lightsail'
import { withLightsail } from './lightsail.ts'

export type { AddOn, Disk, InstanceSnapshot, ResourceLocation, Tag } from '@aws-sdk/client-lightsail'

export interface SnapshotResult {
  snapshot: InstanceSnapshot
  /** The service's request id, for support and for the raw download. */
  requestId?: string
}

export async function getInstanceSnapshot(region: string, name: string, signal?: AbortSignal): Promise<SnapshotResult> {
  const output = await withLightsail(
    region,
    (client) => client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: name }), { abortSignal: signal }),
    signal,
  )
  if (!output.instanceSnapshot) throw new Error(`The service answered without a snapshot for ${name}`)
  return { snapshot: output.instanceSnapshot, requestId: output.$metadata.requestId }
}

export async function listInstanceSnapshots(region: string, signal?: AbortSignal): Promise<InstanceSnapshot[]> {
  const snapshots: InstanceSnapshot[] = []
  let pageToken: string | undefined
  do {
    const page = await withLightsail(
      region,
      (client) => client.send(new GetInstanceSnapshotsCommand({ pageToken }), { abortSignal: signal }),
      signal,
    )
    snapshots.push(...(page.instanceSnapshots ?? []))
    pageToken = page.nextPageToken
  } while (pageToken)
  return snapshots
}
