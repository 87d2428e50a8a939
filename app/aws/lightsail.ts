// One LightsailClient per region, made on first use and shared. `withLightsail` is the only way commands go out: it
// turns failures into AppErrors and, when the service says the credentials are expired, renews them and tries once.
import { LightsailClient } from '@aws-sdk/client-lightsail'
import type { AppConfig } from '../config/config.ts'
import { credentialGeneration, credentials, renewCredentials } from './credentials.ts'
import { toAppError } from './errors.ts'
import { relayPlugin, relayUrlFor } from './relay.ts'

let lightsail: AppConfig['lightsail'] | undefined
const clients = new Map<string, { client: LightsailClient; generation: number }>()

export function configureLightsail(config: AppConfig['lightsail']): void {
  lightsail = config
  clients.clear()
}

function createClient(region: string): LightsailClient {
  if (!lightsail) throw new Error('configureLightsail() must run before any AWS call')
  if (lightsail.mode === 'direct') {
    return new LightsailClient({ region, credentials, endpoint: lightsail.endpoint })
  }
  const client = new LightsailClient({ region, credentials })
  client.middlewareStack.use(relayPlugin(relayUrlFor(window.location.origin, lightsail.relayPath, region)))
  return client
}

export function lightsailClient(region: string): LightsailClient {
  const generation = credentialGeneration()
  const cached = clients.get(region)
  // A client memoizes its credentials until they near expiry; after a renewal it must not keep using the old set.
  if (cached && cached.generation === generation) return cached.client
  cached?.client.destroy()
  const client = createClient(region)
  clients.set(region, { client, generation })
  return client
}

/** Runs one call against the region's client, with the retry-once-on-expired-token policy described above. */
export async function withLightsail<T>(region: string, call: (client: LightsailClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
  try {
    return await call(lightsailClient(region))
  } catch (error) {
    if ((error as { name?: string }).name !== 'ExpiredTokenException' || signal?.aborted) throw toAppError(error)
  }
  renewCredentials()
  try {
    return await call(lightsailClient(region))
  } catch (error) {
    throw toAppError(error)
  }
}
