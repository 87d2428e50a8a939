// The reads behind the restore commands' choices: the bundles a new instance may use (GetBundles) and the regions with
// their Availability Zones (GetRegions). They load with the "Use this snapshot" section, never with a snapshot link.
// The app only reads: the commands it prepares are run by a person, with their own role.
import { GetBundlesCommand, GetRegionsCommand, type Bundle } from '@aws-sdk/client-lightsail'
import { malformed } from './errors.ts'
import type { AwsSession } from './session.ts'
import { BUNDLE, REGION_WITH_ZONES } from './context-shapes.ts'
import { shapeProblem } from './shapes.ts'

export type { Bundle } from '@aws-sdk/client-lightsail'

/** GetBundles answers in one page today; a few more are followed if it ever pages. */
const MAX_BUNDLE_PAGES = 5

/** Every bundle Lightsail lists, the inactive ones too (so a link naming one can be told it is no longer offered). */
export async function getBundles(session: AwsSession, region: string, signal?: AbortSignal): Promise<Bundle[]> {
  const all: Bundle[] = []
  let pageToken: string | undefined
  for (let page = 0; page < MAX_BUNDLE_PAGES; page++) {
    const out = await session.lightsail.call(
      region,
      (client, abortSignal) => client.send(new GetBundlesCommand({ includeInactive: true, pageToken }), { abortSignal }),
      signal,
    )
    const list: unknown = out.bundles ?? []
    const problem = shapeProblem([BUNDLE], list, 'bundles')
    if (problem) throw malformed(`Lightsail's bundles are malformed: ${problem}.`, out.$metadata.requestId)
    all.push(...(list as Bundle[]))
    pageToken = out.nextPageToken
    if (!pageToken) break
  }
  return all
}

export interface RegionZones {
  name: string
  /** The Availability Zones where instances and disks can be made now. */
  zones: string[]
}

/** The regions this account can use, each with its available zones (asked in `region`: any region answers for all). */
export async function getRegionsWithZones(session: AwsSession, region: string, signal?: AbortSignal): Promise<RegionZones[]> {
  const out = await session.lightsail.call(
    region,
    (client, abortSignal) => client.send(new GetRegionsCommand({ includeAvailabilityZones: true }), { abortSignal }),
    signal,
  )
  const list: unknown = out.regions ?? []
  const problem = shapeProblem([REGION_WITH_ZONES], list, 'regions')
  if (problem) throw malformed(`Lightsail's regions are malformed: ${problem}.`, out.$metadata.requestId)
  const regions = (out.regions ?? []).flatMap((r) =>
    r.name ? [{ name: r.name, zones: (r.availabilityZones ?? []).filter((z) => z.zoneName && (z.state ?? 'available') === 'available').map((z) => z.zoneName!) }] : [],
  )
  if (regions.length === 0) throw malformed('Lightsail answered GetRegions without any region.', out.$metadata.requestId)
  return regions
}
