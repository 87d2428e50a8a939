// The inventory's list of each region's snapshots: it loads with the inventory, never with a snapshot link. The reads
// it makes later (GetRegions, GetInstances, disk snapshots) are modules of their own, loaded when asked.
import { GetInstanceSnapshotsCommand, type InstanceSnapshot } from '@aws-sdk/client-lightsail'
import { malformed } from './errors.ts'
import type { AwsSession } from './session.ts'

/** A region's snapshots, page by page as Lightsail hands them out, following `nextPageToken` to the end. */
export async function* instanceSnapshotPages(session: AwsSession, region: string, signal?: AbortSignal): AsyncGenerator<InstanceSnapshot[]> {
  let pageToken: string | undefined
  do {
    const page = await session.lightsail.call(
      region,
      (client, abortSignal) => client.send(new GetInstanceSnapshotsCommand({ pageToken }), { abortSignal }),
      signal,
    )
    const list: unknown = page.instanceSnapshots ?? []
    if (!Array.isArray(list)) throw malformed(`Lightsail answered a page of ${region}'s snapshots with something other than a list.`, page.$metadata.requestId)
    yield list as InstanceSnapshot[]
    pageToken = page.nextPageToken
  } while (pageToken)
}
