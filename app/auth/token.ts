// What the app reads from an ID token: who the user is, for whom and until when the token holds. Reading only: every
// token the app uses is checked in token-check.ts, and Cognito Identity verifies its signature on every use.

export interface IdTokenClaims {
  sub: string
  iss: string
  /** Seconds since the epoch. */
  exp: number
  /** Seconds since the epoch: when the token was issued. */
  iat?: number
  /** Seconds since the epoch: not valid before. */
  nbf?: number
  /** The client (or clients) the token was issued for. */
  aud?: string | string[]
  /** The party the token was issued to, when it has several audiences. */
  azp?: string
  /** Cognito's kind of token: `id` for an ID token, `access` for an access token. */
  token_use?: string
  name?: string
  email?: string
  'cognito:username'?: string
}

export function readIdToken(token: string): IdTokenClaims | undefined {
  const payload = token.split('.')[1]
  if (!payload) return undefined
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='))
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Partial<IdTokenClaims>
    if (typeof claims.sub !== 'string' || typeof claims.iss !== 'string' || typeof claims.exp !== 'number') return undefined
    return claims as IdTokenClaims
  } catch {
    return undefined
  }
}

/** The identity pool's logins key: configured, or the issuer without its scheme (as Amplify derives it). */
export function loginsKey(claims: IdTokenClaims, configured?: string): string {
  return configured ?? claims.iss.replace(/^https?:\/\//, '')
}

/** How the header names the user. */
export function displayName(claims: IdTokenClaims): string {
  return claims.name ?? claims.email ?? claims['cognito:username'] ?? claims.sub
}
