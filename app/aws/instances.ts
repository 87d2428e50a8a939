// GetInstances: asked by the clean-up view only (which snapshots outlived their instance), so its code loads then.
import { GetInstancesCommand } from '@aws-sdk/client-lightsail'
import { malformed } from './errors.ts'
import type { AwsSession } from './session.ts'
import { shapeProblem } from './shapes.ts'

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
