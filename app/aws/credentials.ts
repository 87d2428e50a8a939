// One Cognito Identity credential set for the whole app, shared by every regional client. It is fetched once (and can
// be started before the first query, so it overlaps page rendering), kept until five minutes before it expires, and
// thrown away when the service says it is no good (`renewCredentials`).
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity'
import { FetchHttpHandler } from '@smithy/fetch-http-handler'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, HttpHandlerOptions } from '@smithy/types'
import type { AppConfig } from '../config/config.ts'

/** The SDK refreshes credentials this long before they expire; so does this cache. */
const REFRESH_BEFORE_MS = 5 * 60_000

let cognito: AppConfig['cognito'] | undefined
let provider: AwsCredentialIdentityProvider | undefined
let cached: { promise: Promise<AwsCredentialIdentity>; value?: AwsCredentialIdentity } | undefined
let generation = 0

let markSent: () => void = () => undefined
const sent = new Promise<void>((resolve) => (markSent = resolve))

/** The browser's fetch handler, noting when the first Cognito request has gone out (see `firstRequestSent`). */
class SignallingHandler extends FetchHttpHandler {
  override handle(request: Parameters<FetchHttpHandler['handle']>[0], options?: HttpHandlerOptions) {
    const response = super.handle(request, options)
    markSent()
    return response
  }
}

export function configureCredentials(config: AppConfig['cognito']): void {
  cognito = config
  provider = undefined
  cached = undefined
  generation += 1
}

function cognitoProvider(): AwsCredentialIdentityProvider {
  if (!cognito) throw new Error('configureCredentials() must run before any AWS call')
  // clientConfig rather than a client of our own: the provider then loads a slim Cognito client on demand.
  provider ??= fromCognitoIdentityPool({
    identityPoolId: cognito.identityPoolId,
    clientConfig: {
      region: cognito.region,
      requestHandler: new SignallingHandler(),
      ...(cognito.endpoint ? { endpoint: cognito.endpoint } : {}),
    },
  })
  return provider
}

async function fetchCredentials(): Promise<AwsCredentialIdentity> {
  try {
    return await cognitoProvider()()
  } catch (error) {
    // The cached identity id may be gone (pool recreated, emulator restarted): the SDK has dropped it from storage,
    // so a fresh provider asks for a new identity. One attempt; a second failure is the user's to see.
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error
    provider = undefined
    return cognitoProvider()()
  }
}

function fresh(value: AwsCredentialIdentity): boolean {
  return !value.expiration || value.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS
}

/** The provider every Lightsail client shares: concurrent callers wait for the same Cognito round trips. */
export const credentials: AwsCredentialIdentityProvider = () => {
  if (cached && (!cached.value || fresh(cached.value))) return cached.promise
  const entry: NonNullable<typeof cached> = { promise: fetchCredentials() }
  cached = entry
  entry.promise.then(
    (value) => (entry.value = value),
    () => {
      if (cached === entry) cached = undefined
    },
  )
  return entry.promise
}

/** Starts getting credentials now, so the Cognito round trips overlap the first render; failures surface later. */
export function warmUpCredentials(): void {
  credentials().catch(() => undefined)
}

/**
 * Resolves once the first Cognito request is on its way (or getting credentials has already settled, or was never
 * started). The first render is held until then: rendering compiles a lot of code, and the SDK's request would
 * otherwise queue behind it.
 */
export function firstRequestSent(): Promise<void> {
  if (!cached) return Promise.resolve()
  return Promise.race([sent, cached.promise.then(() => undefined, () => undefined)])
}

/** Forgets the current credentials; the next call gets a fresh set from Cognito. Returns the new generation. */
export function renewCredentials(): number {
  provider = undefined
  cached = undefined
  generation += 1
  return generation
}

/** Changes whenever credentials are renewed, so clients built on older ones can be retired. */
export function credentialGeneration(): number {
  return generation
}
