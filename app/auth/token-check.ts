// The one check every ID token goes through before the app keeps it or hands it to Cognito Identity: the token of a
// sign-in's answer (redirect or popup), a renewed one, one kept from an earlier visit, and a portal's, first and later.
// It is not a signature check: Cognito Identity verifies the signature on every use, against the provider's keys. It
// refuses, before the token leaves the page, what is not this app's sign-in: another provider's token (which the
// identity pool may trust too), a token for another application, an access token, one that has expired or is not
// valid yet, and an unsigned one.
import type { AppConfig, AuthConfig } from '../config/config.ts'
import type { SignedInUser } from './stored-user.ts'
import { readIdToken } from './token.ts'

export interface TokenExpectations {
  /** The provider the token must come from: `auth.authority`. */
  issuer: string
  /** Client ids one of which the token must be for. */
  audiences: readonly string[]
}

/** How far ahead of this browser's clock a token's `nbf` may be: clocks differ (the SDK corrects them for AWS, too). */
export const NOT_BEFORE_SKEW_MS = 5 * 60_000

/** The app's own sign-in: redirect, popup, renewal, and what it kept from earlier. */
export function ownTokens(auth: Pick<AuthConfig, 'authority' | 'clientId'>): TokenExpectations {
  return { issuer: auth.authority, audiences: [auth.clientId] }
}

/** A portal's tokens: the same provider, for the app's client or for one of the portals' own (`embed.clientIds`). */
export function portalTokens(auth: Pick<AuthConfig, 'authority' | 'clientId'>, embed: Pick<AppConfig['embed'], 'clientIds'>): TokenExpectations {
  return { issuer: auth.authority, audiences: [auth.clientId, ...(embed.clientIds ?? [])] }
}

export type TokenCheck = { ok: true; user: SignedInUser } | { ok: false; problem: string }

const COGNITO_ISSUER = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\//
const withoutSlash = (s: string) => s.replace(/\/+$/, '')

function header(token: string): Record<string, unknown> | undefined {
  try {
    const part = token.split('.')[0] ?? ''
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='))
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/**
 * Checks an ID token: a JWT from `expected.issuer`, for one of `expected.audiences` (and, when it names the party it
 * was issued to, `azp`, that party too), an ID token (`token_use` is `id` where the provider says, as Cognito does),
 * naming a user, unexpired (unless `allowExpired`: a kept token read only to see whether it can be renewed), valid
 * already (`nbf`), and signed. The problem is said in the app's words, never with the token's own text.
 */
export function checkIdToken(
  idToken: string,
  expected: TokenExpectations,
  options: { now?: number; hasRefreshToken?: boolean; allowExpired?: boolean } = {},
): TokenCheck {
  const refuse = (problem: string): TokenCheck => ({ ok: false, problem })
  const now = options.now ?? Date.now()
  const parts = idToken.split('.')
  const claims = parts.length === 3 ? readIdToken(idToken) : undefined
  const head = header(idToken)
  if (!claims || !head) return refuse('The token is not an ID token (a signed JWT).')
  const issuer = withoutSlash(expected.issuer)
  if (withoutSlash(claims.iss) !== issuer) return refuse(`The token is not from ${issuer}, the sign-in this Snapshot Lens trusts.`)
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  const forUs = (value: unknown) => typeof value === 'string' && expected.audiences.includes(value)
  if (!audiences.some(forUs) || (claims.azp !== undefined && !forUs(claims.azp))) {
    return refuse('The token is for another application: its audience is not a client this Snapshot Lens accepts (auth.clientId, embed.clientIds).')
  }
  if (claims.token_use !== undefined ? claims.token_use !== 'id' : COGNITO_ISSUER.test(issuer)) {
    return refuse('The token is not an ID token (its token_use is not "id").')
  }
  if (claims.sub === '') return refuse('The token names no user.')
  if (!options.allowExpired && claims.exp * 1000 <= now) return refuse('The token has expired.')
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf * 1000 > now + NOT_BEFORE_SKEW_MS)) {
    return refuse('The token is not valid yet.')
  }
  if (typeof head.alg !== 'string' || head.alg.toLowerCase() === 'none' || !parts[2]) return refuse('The token is not signed.')
  return { ok: true, user: { idToken, claims, hasRefreshToken: options.hasRefreshToken ?? false } }
}

/** A refused token, as an error: the sign-in (or the renewal) that brought it does not complete. */
export class TokenRefused extends Error {
  override readonly name = 'TokenRefused'
}

/** The checked user, or a `TokenRefused` error saying why not. */
export function checkedUser(idToken: string, expected: TokenExpectations, options: Parameters<typeof checkIdToken>[2] = {}): SignedInUser {
  const checked = checkIdToken(idToken, expected, options)
  if (!checked.ok) throw new TokenRefused(checked.problem)
  return checked.user
}
