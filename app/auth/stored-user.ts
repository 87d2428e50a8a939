// The signed-in user as oidc-client-ts keeps them in localStorage, read without loading the library: a signed-in
// reload shows data without paying for the sign-in code. The format is the library's (`oidc.user:<authority>:<client>`,
// a JSON User); stored-user.test.ts checks it against the library itself.
import type { AuthConfig } from '../config/config.ts'
import { readIdToken, type IdTokenClaims } from './token.ts'

export interface SignedInUser {
  idToken: string
  claims: IdTokenClaims
  hasRefreshToken: boolean
}

export function storageKey(auth: Pick<AuthConfig, 'authority' | 'clientId'>): string {
  return `oidc.user:${auth.authority}:${auth.clientId}`
}

export function userFromStorage(value: string | null): SignedInUser | undefined {
  if (!value) return undefined
  try {
    const stored = JSON.parse(value) as { id_token?: unknown; refresh_token?: unknown }
    if (typeof stored.id_token !== 'string') return undefined
    const claims = readIdToken(stored.id_token)
    return claims && { idToken: stored.id_token, claims, hasRefreshToken: typeof stored.refresh_token === 'string' && stored.refresh_token !== '' }
  } catch {
    return undefined
  }
}

export function readStoredUser(auth: Pick<AuthConfig, 'authority' | 'clientId'>, storage: Pick<Storage, 'getItem'> = localStorage): SignedInUser | undefined {
  return userFromStorage(storage.getItem(storageKey(auth)))
}

/** Whether the ID token holds for at least `marginMs` more: long enough to get credentials with it. */
export function tokenUsable(user: SignedInUser, now: number, marginMs = 60_000): boolean {
  return user.claims.exp * 1000 - now > marginMs
}
