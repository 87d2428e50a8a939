// GetRegions: asked by the inventory once the home region's first rows are on screen, so its code loads then.
import { GetRegionsCommand } from '@aws-sdk/client-lightsail'
import { malformed } from './errors.ts'
import type { AwsSession } from './session.ts'

/** The regions Lightsail offers this account (asked in `region`: any region answers for all). */
export async function getRegions(session: AwsSession, region: string, signal?: AbortSignal): Promise<string[]> {
  const out = await session.lightsail.call(region, (client, abortSignal) => client.send(new GetRegionsCommand({}), { abortSignal }), signal)
  const names = (out.regions ?? []).map((r) => r.name).filter((n): n is NonNullable<typeof n> => typeof n === 'string')
  if (names.length === 0) throw malformed('Lightsail answered GetRegions without any region.', out.$metadata.requestId)
  return names
}
