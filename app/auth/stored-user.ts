// The signed-in user as oidc-client-ts keeps them in localStorage, read without loading the library: a signed-in
// reload shows data without paying for the sign-in code. The format is the library's (`oidc.user:<authority>:<client>`,
// a JSON User); auth.test.ts checks it against the library itself. What is read passes the one token check
// (token-check.ts), expiry aside: an expired token is read only to see whether it can be renewed.
import type { AuthConfig } from '../config/config.ts'
import { checkIdToken, ownTokens, type TokenExpectations } from './token-check.ts'
import type { IdTokenClaims } from './token.ts'

export interface SignedInUser {
  idToken: string
  claims: IdTokenClaims
  hasRefreshToken: boolean
}

export function storageKey(auth: Pick<AuthConfig, 'authority' | 'clientId'>): string {
  return `oidc.user:${auth.authority}:${auth.clientId}`
}

/** The user in a stored value, if it holds an ID token that passes the check (expired or not). */
export function userFromStorage(value: string | null, expected: TokenExpectations, now = Date.now()): SignedInUser | undefined {
  if (!value) return undefined
  try {
    const stored = JSON.parse(value) as { id_token?: unknown; refresh_token?: unknown }
    if (typeof stored.id_token !== 'string') return undefined
    const hasRefreshToken = typeof stored.refresh_token === 'string' && stored.refresh_token !== ''
    const checked = checkIdToken(stored.id_token, expected, { now, hasRefreshToken, allowExpired: true })
    return checked.ok ? checked.user : undefined
  } catch {
    return undefined
  }
}

export function readStoredUser(auth: Pick<AuthConfig, 'authority' | 'clientId'>, storage: Pick<Storage, 'getItem'> = localStorage, now = Date.now()): SignedInUser | undefined {
  return userFromStorage(storage.getItem(storageKey(auth)), ownTokens(auth), now)
}

/** Whether the ID token holds for at least `marginMs` more: long enough to get credentials with it. */
export function tokenUsable(user: SignedInUser, now: number, marginMs = 60_000): boolean {
  return user.claims.exp * 1000 - now > marginMs
}
