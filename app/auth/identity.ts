// The signed-in user of this page: their current ID token, renewed before it expires (and whenever Cognito refuses
// it), and a way to sign out. Holds no AWS state: the AWS session of this identity reads the token from here.
import { loginsKey, displayName, type IdTokenClaims } from './token.ts'
import type { SignedInUser } from './stored-user.ts'

/** Renew this long before the ID token expires. */
export const RENEW_BEFORE_MS = 5 * 60_000

export interface IdentitySource {
  /** A fresh ID token for the same user; rejects when none can be had. `reason`: the token is about to expire, or
   * Cognito refused it; `current`: the user as this identity holds them now. */
  renew(reason: 'expiring' | 'rejected', current: SignedInUser): Promise<SignedInUser>
  /** Called when renewal failed: the user must sign in again (the page keeps what it shows until then). */
  expired(): void
}

export class Identity {
  private user: SignedInUser
  private renewing: Promise<string> | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private disposed = false

  constructor(
    user: SignedInUser,
    private readonly source: IdentitySource,
    private readonly configuredLoginsKey?: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.user = user
    this.schedule()
  }

  get claims(): IdTokenClaims {
    return this.user.claims
  }

  get userId(): string {
    return this.user.claims.sub
  }

  get name(): string {
    return displayName(this.user.claims)
  }

  /** The identity pool's logins key for this user's tokens. */
  get provider(): string {
    return loginsKey(this.user.claims, this.configuredLoginsKey)
  }

  /** The current ID token: what Cognito Identity gets in `Logins`, read afresh for every call. */
  readonly idToken = async (): Promise<string> => {
    if (this.user.claims.exp * 1000 - this.clock() <= 0) return this.renew('expiring')
    return this.user.idToken
  }

  /**
   * When the next renewal is due, in milliseconds from now (0: at once): five minutes before the token expires, or
   * halfway through its life if it lives shorter than ten (Cognito's shortest ID token lives five minutes, and a portal
   * may hand over tokens with little time left: renewing "five minutes before" those would renew without end).
   */
  renewalDelay(): number {
    const { exp, iat } = this.user.claims
    const life = typeof iat === 'number' && iat < exp ? (exp - iat) * 1000 : Infinity
    return Math.max(0, exp * 1000 - Math.min(RENEW_BEFORE_MS, life / 2) - this.clock())
  }

  private schedule(): void {
    clearTimeout(this.timer)
    if (this.disposed) return
    this.timer = setTimeout(() => void this.renew('expiring').catch(() => undefined), this.renewalDelay())
  }

  /** A fresh token; concurrent callers share one renewal. If renewal fails, the user is sent to sign in again. */
  renew(reason: 'expiring' | 'rejected' = 'rejected'): Promise<string> {
    this.renewing ??= this.source.renew(reason, this.user).then(
      (user) => {
        this.renewing = undefined
        if (user.claims.sub !== this.user.claims.sub) throw new Error('The renewed token belongs to another user.')
        this.user = user
        this.schedule()
        return user.idToken
      },
      (error: unknown) => {
        this.renewing = undefined
        if (!this.disposed) this.source.expired()
        throw error
      },
    )
    return this.renewing
  }

  dispose(): void {
    this.disposed = true
    clearTimeout(this.timer)
  }
}
