// The page's current session: whose identity it reads as (a guest, or a signed-in user), that identity's AWS session,
// and the query cache filled with what it read. Switching identity (sign-out, another user) drops all three at once,
// so nothing one identity read or held reaches the next; a new user's session also forgets the identity ids this
// browser kept for users before them.
import type { QueryClient } from '@tanstack/react-query'
import { forgetOtherUsers } from './auth/forget.ts'
import type { Identity } from './auth/identity.ts'
import { AwsSession } from './aws/session.ts'
import type { AppConfig } from './config/config.ts'
import { createQueryClient } from './query-client.ts'

/**
 * Why there is nobody: signed out, on the way to sign in, a sign-in that failed (`message` in the app's words), one
 * the provider refused (`message` in the provider's words), a sign-in answer this browser did not ask for (ignored,
 * no message), or a portal that handed over no token.
 */
export type NoSessionReason = 'signed-out' | 'signing-in' | 'failed' | 'refused' | 'ignored' | 'embedded'

export type Session =
  | { kind: 'guest'; key: string; aws: AwsSession; queryClient: QueryClient }
  | { kind: 'user'; key: string; aws: AwsSession; queryClient: QueryClient; identity: Identity }
  /** Nobody yet (sign-in configured, no user): nothing may be asked of AWS. */
  | { kind: 'none'; key: string; reason: NoSessionReason; message?: string }

let sessions = 0

export class SessionStore {
  private session: Session = { kind: 'none', key: 'none-0', reason: 'signing-in' }
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly config: AppConfig,
    private readonly origin: string,
  ) {}

  readonly current = (): Session => this.session

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private replace(next: Session): Session {
    const previous = this.session
    this.session = next
    if (previous.kind !== 'none') {
      previous.aws.dispose()
      previous.queryClient.cancelQueries()
      previous.queryClient.clear()
      if (previous.kind === 'user') previous.identity.dispose()
    }
    for (const listener of this.listeners) listener()
    return next
  }

  /** A guest session (no sign-in configured). */
  startGuest(): Session {
    return this.replace({ kind: 'guest', key: `guest-${++sessions}`, aws: new AwsSession(this.config, this.origin), queryClient: createQueryClient() })
  }

  /** The session of a signed-in user; the same user keeps theirs. */
  startUser(identity: Identity): Session {
    const now = this.session
    if (now.kind === 'user' && now.identity.userId === identity.userId) {
      identity.dispose()
      return now
    }
    if (typeof localStorage !== 'undefined') forgetOtherUsers(this.config.cognito.identityPoolId, identity.userId)
    const aws = new AwsSession(this.config, this.origin, {
      provider: identity.provider,
      userId: identity.userId,
      idToken: identity.idToken,
      renew: () => identity.renew(),
    })
    return this.replace({ kind: 'user', key: `user-${++sessions}`, aws, queryClient: createQueryClient(), identity })
  }

  /** No identity: signed out, on the way to sign in, or sign-in failed. Whatever was read is dropped. */
  end(reason: NoSessionReason, message?: string): Session {
    return this.replace({ kind: 'none', key: `none-${++sessions}`, reason, message })
  }
}
