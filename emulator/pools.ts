// Identity pools, configured as real ones are: which providers they trust, whether guests are allowed, and which role
// each kind of identity gets (for signed-in users, by rules on the token's claims, as Cognito's role mappings do).
import type { TrustedProvider } from './id-tokens.ts'

export interface RoleRule {
  /** A claim of the ID token; a list claim (such as `cognito:groups`) matches when it contains the value. */
  claim: string
  value: string
  role: string
}

export interface IdentityPool {
  id: string
  providers: TrustedProvider[]
  allowUnauthenticated: boolean
  roles: {
    /** Signed-in users whom no rule matches. */
    authenticated: string
    unauthenticated?: string
  }
  rules: RoleRule[]
  /**
   * Real pools use the enhanced flow, whose guest credentials Cognito scopes down with a session policy that allows no
   * Lightsail action. Only the emulator's development pool lifts that, so a demo can run without signing in.
   */
  guestsScopedDown: boolean
}

/** The pool of the shipped config.json: signed-in users only, as production needs. */
export const SIGNED_IN_POOL = 'us-east-2:5e1c0a7b-3f2d-4c8e-9b6a-0d4f2e7c1a93'
/** Guests allowed, as AWS treats them: their credentials reach no Lightsail action. */
export const GUEST_POOL = 'us-east-2:0a4f6c1e-7d2b-4e8a-9c3f-5b1d2e6a7f80'
/** Emulator only: guests allowed, and their role's policy applies (no session policy). For demos without sign-in. */
export const DEVELOPMENT_POOL = 'us-east-2:d3e5f7a9-1b2c-4d6e-8f0a-2c4e6a8b0d1f'

/** The client ids of the emulator's OpenID provider: the app, and a portal that embeds it. */
export const CLIENT_IDS = ['snapshot-lens', 'ops-portal']

export function seededPools(providerName: string): IdentityPool[] {
  const providers = [{ name: providerName, clientIds: CLIENT_IDS }]
  const rules: RoleRule[] = [
    { claim: 'cognito:groups', value: 'lightsail-readers', role: 'SnapshotLensReaders' },
    { claim: 'cognito:groups', value: 'lightsail-readers-ohio', role: 'SnapshotLensReadersOhio' },
    { claim: 'cognito:groups', value: 'lightsail-snapshot-readers', role: 'SnapshotLensSnapshotsOnly' },
  ]
  return [
    { id: SIGNED_IN_POOL, providers, allowUnauthenticated: false, roles: { authenticated: 'SnapshotLensNoLightsail' }, rules, guestsScopedDown: true },
    {
      id: GUEST_POOL,
      providers,
      allowUnauthenticated: true,
      roles: { authenticated: 'SnapshotLensNoLightsail', unauthenticated: 'SnapshotLensGuests' },
      rules,
      guestsScopedDown: true,
    },
    {
      id: DEVELOPMENT_POOL,
      providers,
      allowUnauthenticated: true,
      roles: { authenticated: 'SnapshotLensNoLightsail', unauthenticated: 'SnapshotLensGuests' },
      rules,
      guestsScopedDown: false,
    },
  ]
}

/** The role a signed-in user gets: the first rule their claims match, else the pool's authenticated role. */
export function roleFor(pool: IdentityPool, claims: Record<string, unknown>): string {
  const rule = pool.rules.find((r) => {
    const value = claims[r.claim]
    return Array.isArray(value) ? value.includes(r.value) : value === r.value
  })
  return rule?.role ?? pool.roles.authenticated
}
