// One LightsailClient per region, made on first use and shared within a session. `call` is the only way commands go
// out: it bounds the call in time, turns failures into AppErrors and, when the service says the credentials are
// expired, renews them and tries once more.
import { LightsailClient } from '@aws-sdk/client-lightsail'
import type { AppConfig } from '../config/config.ts'
import type { CognitoCredentials } from './credentials.ts'
import { classify, timedOut } from './errors.ts'
import { relayPlugin, relayUrlFor } from './relay.ts'
import { CALL_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './timeouts.ts'

export class LightsailClients {
  private readonly clients = new Map<string, { client: LightsailClient; generation: number }>()

  constructor(
    private readonly config: AppConfig['lightsail'],
    private readonly credentials: CognitoCredentials,
    private readonly origin: string,
  ) {}

  private create(region: string): LightsailClient {
    const common = { region, credentials: this.credentials.provide, requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS } }
    if (this.config.mode === 'direct') return new LightsailClient({ ...common, endpoint: this.config.endpoint })
    const client = new LightsailClient(common)
    client.middlewareStack.use(relayPlugin(relayUrlFor(this.origin, this.config.relayPath, region)))
    return client
  }

  client(region: string): LightsailClient {
    const generation = this.credentials.generation
    const cached = this.clients.get(region)
    // A client memoizes its credentials until they near expiry; after a renewal it must not keep using the old set.
    if (cached && cached.generation === generation) return cached.client
    cached?.client.destroy()
    const client = this.create(region)
    this.clients.set(region, { client, generation })
    return client
  }

  /**
   * Runs one call against the region's client within CALL_TIMEOUT_MS (retries and credentials included), with the
   * retry-once-on-expired-token policy described above. `signal` is the caller's (React Query's) cancellation.
   */
  async call<T>(region: string, send: (client: LightsailClient, abortSignal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const controller = new AbortController()
    const cancel = () => controller.abort(signal?.reason)
    signal?.addEventListener('abort', cancel, { once: true })
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort()
        reject(timedOut(CALL_TIMEOUT_MS / 1000))
      }, CALL_TIMEOUT_MS)
    })
    try {
      return await Promise.race([this.attempt(region, send, controller.signal), deadline])
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', cancel)
    }
  }

  private async attempt<T>(region: string, send: (client: LightsailClient, abortSignal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    const generation = this.credentials.generation
    try {
      return await send(this.client(region), signal)
    } catch (error) {
      if ((error as { name?: string }).name !== 'ExpiredTokenException' || signal.aborted) throw await classify(error)
    }
    // Calls in flight together all hear "expired" at once: the first renews, the rest use what it got.
    if (this.credentials.generation === generation) this.credentials.renew()
    try {
      return await send(this.client(region), signal)
    } catch (error) {
      throw await classify(error)
    }
  }

  destroy(): void {
    for (const { client } of this.clients.values()) client.destroy()
    this.clients.clear()
  }
}
