// The operations the inventory uses, apart from the snapshot page's: they load with the inventory, never with a
// snapshot link.
import { GetInstancesCommand, GetInstanceSnapshotsCommand, GetRegionsCommand, type InstanceSnapshot } from '@aws-sdk/client-lightsail'
import { malformed } from './errors.ts'
import type { AwsSession } from './session.ts'
import { shapeProblem } from './shapes.ts'

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

/** The regions Lightsail offers this account (asked in `region`: any region answers for all). */
export async function getRegions(session: AwsSession, region: string, signal?: AbortSignal): Promise<string[]> {
  const out = await session.lightsail.call(region, (client, abortSignal) => client.send(new GetRegionsCommand({}), { abortSignal }), signal)
  const names = (out.regions ?? []).map((r) => r.name).filter((n): n is NonNullable<typeof n> => typeof n === 'string')
  if (names.length === 0) throw malformed('Lightsail answered GetRegions without any region.', out.$metadata.requestId)
  return names
}

/** The names of the instances a region has now, every page (the clean-up view tells snapshots of deleted ones by it). */
export async function instanceNames(session: AwsSession, region: string, signal?: AbortSignal): Promise<Set<string>> {
  const names = new Set<string>()
  let pageToken: string | undefined
  do {
    const page = await session.lightsail.call(region, (client, abortSignal) => client.send(new GetInstancesCommand({ pageToken }), { abortSignal }), signal)
    const list: unknown = page.instances ?? []
    const problem = shapeProblem([{ name: 's' }], list, 'instances')
    if (problem) throw malformed(`Lightsail's list of ${region}'s instances is malformed: ${problem}.`, page.$metadata.requestId)
    for (const instance of list as { name?: string }[]) if (instance.name) names.add(instance.name)
    pageToken = page.nextPageToken
  } while (pageToken)
  return names
}
