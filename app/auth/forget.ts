// What this browser keeps for a signed-in user, besides the page's memory (the AWS session and the query cache, which
// go with the session): the user's tokens (oidc-client-ts, `oidc.user:<authority>:<client>`), a sign-in on its way
// (`oidc.<state>`, until the answer comes back), and the identity id the AWS SDK keeps per identity pool and user so
// that a reload skips GetId (`aws:cognito-identity-credentials:<pool>:<sub>`; an id, not credentials). Sign-out
// forgets all of it; a new user's sign-in forgets the identity ids of users before them.
import type { AuthConfig } from '../config/config.ts'
import { storageKey } from './stored-user.ts'

/** The AWS SDK's key (fromCognitoIdentityPool with a `cache` and a `userIdentifier`), under which it keeps the id. */
export const IDENTITY_ID_PREFIX = 'aws:cognito-identity-credentials:'
/** The SDK's user identifier for a guest identity: not a user, so not forgotten with one. */
const GUEST = 'ANONYMOUS'

export function identityIdKey(identityPoolId: string, sub: string): string {
  return `${IDENTITY_ID_PREFIX}${identityPoolId}:${sub}`
}

type Store = Pick<Storage, 'getItem' | 'removeItem' | 'key' | 'length'>

function keys(storage: Store): string[] {
  const all: string[] = []
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)
    if (key !== null) all.push(key)
  }
  return all
}

/** A sign-in (or sign-out) on its way, kept by oidc-client-ts as `oidc.<state>` for this provider and client. */
function pendingState(auth: Pick<AuthConfig, 'authority' | 'clientId'>, storage: Store, key: string): boolean {
  if (!key.startsWith('oidc.') || key.startsWith('oidc.user:')) return false
  try {
    const state = JSON.parse(storage.getItem(key) ?? '') as { authority?: unknown; client_id?: unknown }
    return state.authority === auth.authority && state.client_id === auth.clientId
  } catch {
    return false
  }
}

/** Sign-out: the user's tokens, their identity id, and any sign-in left unfinished, gone from `storage`. */
export function forgetUser(auth: Pick<AuthConfig, 'authority' | 'clientId'>, identityPoolId: string, sub: string | undefined, storage: Store = localStorage): void {
  for (const key of keys(storage)) {
    if (key === storageKey(auth) || (sub !== undefined && key === identityIdKey(identityPoolId, sub)) || pendingState(auth, storage, key)) {
      storage.removeItem(key)
    }
  }
}

/** A new user's session: the identity ids kept for anyone else in this pool (who used this browser before) go. */
export function forgetOtherUsers(identityPoolId: string, sub: string, storage: Store = localStorage): void {
  const prefix = `${IDENTITY_ID_PREFIX}${identityPoolId}:`
  for (const key of keys(storage)) {
    if (key.startsWith(prefix) && key !== identityIdKey(identityPoolId, sub) && key !== identityIdKey(identityPoolId, GUEST)) storage.removeItem(key)
  }
}
