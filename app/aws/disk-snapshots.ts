// Block storage disk snapshots: one for the disk snapshot page (a link of its own, so its own chunk) and every one of a
// region for the inventory.
import { GetDiskSnapshotCommand, GetDiskSnapshotsCommand, type DiskSnapshot } from '@aws-sdk/client-lightsail'
import { malformed } from './errors.ts'
import type { AwsSession } from './session.ts'
import { DISK_SNAPSHOT } from './context-shapes.ts'
import { shapeProblem } from './shapes.ts'

export type { DiskSnapshot } from '@aws-sdk/client-lightsail'

export async function getDiskSnapshot(session: AwsSession, region: string, name: string, signal?: AbortSignal): Promise<{ snapshot: DiskSnapshot; requestId?: string }> {
  const out = await session.lightsail.call(
    region,
    (client, abortSignal) => client.send(new GetDiskSnapshotCommand({ diskSnapshotName: name }), { abortSignal }),
    signal,
  )
  const requestId = out.$metadata.requestId
  if (!out.diskSnapshot) throw malformed(`Lightsail answered without the disk snapshot ${name}.`, requestId)
  const problem = shapeProblem(DISK_SNAPSHOT, out.diskSnapshot)
  if (problem) throw malformed(`Lightsail's answer for ${name} is malformed: ${problem}.`, requestId)
  return { snapshot: out.diskSnapshot, requestId }
}

/** Where a disk snapshot of a page departs from the model's types, in words (the inventory shows it as a malformed row). */
export function diskSnapshotProblem(snapshot: DiskSnapshot): string | undefined {
  return shapeProblem(DISK_SNAPSHOT, snapshot)
}

/** A region's disk snapshots, page by page, following `nextPageToken` to the end. */
export async function* diskSnapshotPages(session: AwsSession, region: string, signal?: AbortSignal): AsyncGenerator<DiskSnapshot[]> {
  let pageToken: string | undefined
  do {
    const page = await session.lightsail.call(
      region,
      (client, abortSignal) => client.send(new GetDiskSnapshotsCommand({ pageToken }), { abortSignal }),
      signal,
    )
    const list: unknown = page.diskSnapshots ?? []
    if (!Array.isArray(list)) throw malformed(`Lightsail answered a page of ${region}'s disk snapshots with something other than a list.`, page.$metadata.requestId)
    yield list as DiskSnapshot[]
    pageToken = page.nextPageToken
  } while (pageToken)
}
