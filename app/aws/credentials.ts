// Cognito Identity credentials for one identity (a guest, or one signed-in user), shared by every regional client of
// its session. They are fetched once (and can be started before the first query, so they overlap page rendering),
// kept until five minutes before they expire, and thrown away when the service says they are no good (`renew`).
// Every failure becomes an AppError whose source is Cognito, so the page can say who failed.
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity'
import { FetchHttpHandler } from '@smithy/fetch-http-handler'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, HttpHandlerOptions } from '@smithy/types'
import type { AppConfig } from '../config/config.ts'
import { classify } from './errors.ts'
import { relayUrlFor } from './relay.ts'
import { REQUEST_TIMEOUT_MS } from './timeouts.ts'

/** The SDK refreshes credentials this long before they expire; so does this cache. */
const REFRESH_BEFORE_MS = 5 * 60_000

/** A signed-in user, as Cognito Identity's `logins` sees them. */
export interface CognitoLogin {
  /** The logins key: the token issuer without its scheme, e.g. `cognito-idp.us-east-2.amazonaws.com/us-east-2_Ab12`. */
  provider: string
  /** The current ID token, asked for on every Cognito call, so a renewed token is used. */
  idToken: () => Promise<string>
  /** The user's `sub`: the cached identity id is kept per user, never reused for another. */
  userId: string
  /** A fresh ID token after Cognito refused the current one (expired, revoked); rejects when there is none. */
  renew(): Promise<string>
}

/** The browser's fetch handler, with a time limit per attempt, noting when its first request has gone out. */
class SignallingHandler extends FetchHttpHandler {
  constructor(private readonly onSend: () => void) {
    super({ requestTimeout: REQUEST_TIMEOUT_MS })
  }

  override handle(request: Parameters<FetchHttpHandler['handle']>[0], options?: HttpHandlerOptions) {
    const response = super.handle(request, options)
    this.onSend()
    return response
  }
}

/** Where Cognito Identity is reached: the configured endpoint, the same-origin relay, or AWS. */
export function cognitoEndpoint(cognito: AppConfig['cognito'], origin: string): string | undefined {
  if (cognito.relayPath) return relayUrlFor(origin, cognito.relayPath, cognito.region).href
  return cognito.endpoint
}

export class CognitoCredentials {
  private provider: AwsCredentialIdentityProvider | undefined
  private cached: { promise: Promise<AwsCredentialIdentity>; value?: AwsCredentialIdentity } | undefined
  private generationCount = 0
  private markSent: () => void = () => undefined
  private readonly sent = new Promise<void>((resolve) => (this.markSent = resolve))

  constructor(
    private readonly cognito: AppConfig['cognito'],
    private readonly origin: string,
    private readonly login?: CognitoLogin,
  ) {}

  private cognitoProvider(): AwsCredentialIdentityProvider {
    const endpoint = cognitoEndpoint(this.cognito, this.origin)
    // clientConfig rather than a client of our own: the provider then loads a slim Cognito client on demand.
    this.provider ??= fromCognitoIdentityPool({
      identityPoolId: this.cognito.identityPoolId,
      // The identity id is kept between visits, so a reload skips GetId. localStorage rather than the SDK's default,
      // IndexedDB: opening a database costs a reload tens of milliseconds before its first request can leave.
      ...(typeof localStorage === 'undefined' ? {} : { cache: localStorage }),
      clientConfig: {
        region: this.cognito.region,
        requestHandler: new SignallingHandler(() => this.markSent()),
        ...(endpoint ? { endpoint } : {}),
      },
      ...(this.login ? { logins: { [this.login.provider]: this.login.idToken }, userIdentifier: this.login.userId } : {}),
    })
    return this.provider
  }

  private async fetch(): Promise<AwsCredentialIdentity> {
    try {
      return await this.cognitoProvider()()
    } catch (error) {
      const name = (error as { name?: string }).name
      if (name === 'NotAuthorizedException' && this.login) {
        // The ID token was refused (expired, revoked): one more try with a renewed one. If renewal fails, the user is
        // sent to sign in again, and this call fails as Cognito answered.
        const renewed = await this.login.renew().then(() => true, () => false)
        if (!renewed) throw await classify(error, 'cognito')
      } else if (name !== 'ResourceNotFoundException') {
        throw await classify(error, 'cognito')
      }
    }
    // Either the token was renewed, or the cached identity id is gone (pool recreated, emulator restarted) and the SDK
    // has dropped it from storage: a fresh provider asks again. One attempt; a second failure is the user's to see.
    this.provider = undefined
    try {
      return await this.cognitoProvider()()
    } catch (error) {
      throw await classify(error, 'cognito')
    }
  }

  /** The provider every Lightsail client of the session shares: concurrent callers wait for the same round trips. */
  readonly provide: AwsCredentialIdentityProvider = () => {
    const cached = this.cached
    if (cached && (!cached.value || fresh(cached.value))) return cached.promise
    const entry: NonNullable<typeof this.cached> = { promise: this.fetch() }
    this.cached = entry
    entry.promise.then(
      (value) => (entry.value = value),
      () => {
        if (this.cached === entry) this.cached = undefined
      },
    )
    return entry.promise
  }

  /** Starts getting credentials now, so the Cognito round trips overlap the first render; failures surface later. */
  warmUp(): void {
    this.provide().catch(() => undefined)
  }

  /**
   * Resolves once the first Cognito request is on its way (or getting credentials has already settled, or was never
   * started). The first render is held until then: rendering compiles a lot of code, and the SDK's request would
   * otherwise queue behind it.
   */
  firstRequestSent(): Promise<void> {
    if (!this.cached) return Promise.resolve()
    return Promise.race([this.sent, this.cached.promise.then(() => undefined, () => undefined)])
  }

  /** Forgets the current credentials; the next call gets a fresh set from Cognito. Returns the new generation. */
  renew(): number {
    this.provider = undefined
    this.cached = undefined
    this.generationCount += 1
    return this.generationCount
  }

  /** Changes whenever credentials are renewed, so clients built on older ones can be retired. */
  get generation(): number {
    return this.generationCount
  }
}

function fresh(value: AwsCredentialIdentity): boolean {
  return !value.expiration || value.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS
}
