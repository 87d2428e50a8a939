// ID tokens as Cognito Identity sees them: verified with jose against the provider's keys, and refused in Cognito's
// words. Also mints tokens for tests and the embedding handoff (admin API), signed with the same key the provider uses.
import { createLocalJWKSet, decodeJwt, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet, type JWK, type JWTPayload } from 'jose'
import { idTokenClaims, type User } from './users.ts'
import { AwsError } from './wire.ts'

export const notAuthorized = (message: string) => new AwsError(400, 'NotAuthorizedException', message)

export interface SigningKey {
  /** The private key as a JWK, for the OpenID provider's configuration. */
  privateJwk: JWK
  /** The public key set, for verifiers. */
  publicJwks: JSONWebKeySet
  sign(payload: JWTPayload): Promise<string>
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = `emulator-${Date.now().toString(36)}`
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  return {
    privateJwk,
    publicJwks: { keys: [publicJwk] },
    sign: (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey),
  }
}

/** A provider an identity pool trusts: its logins key (the issuer without its scheme) and the audiences it accepts. */
export interface TrustedProvider {
  name: string
  clientIds: string[]
}

/**
 * Checks a login as Cognito Identity does and returns the token's claims, or throws NotAuthorizedException with
 * Cognito's message for what is wrong. `providers` are the pool's; `now` in milliseconds.
 */
export async function verifyLogin(
  providerName: string,
  token: string,
  providers: TrustedProvider[],
  keys: JSONWebKeySet,
  now: number,
): Promise<JWTPayload & { sub: string }> {
  const provider = providers.find((p) => p.name === providerName)
  if (!provider) throw notAuthorized('Token is not from a supported provider of this identity pool.')
  let claims: JWTPayload
  try {
    claims = decodeJwt(token)
  } catch {
    throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.')
  }
  if (typeof claims.iss !== 'string' || claims.iss.replace(/^https?:\/\//, '') !== providerName) {
    throw notAuthorized("Invalid login token. Issuer doesn't match providerName")
  }
  if (claims.aud === undefined) throw notAuthorized('Invalid login token. Missing a required claim: aud')
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  if (!audiences.some((a) => provider.clientIds.includes(a))) throw notAuthorized('Invalid login token. Incorrect token audience.')
  const seconds = Math.floor(now / 1000)
  if (typeof claims.exp !== 'number') throw notAuthorized('Invalid login token. Missing a required claim: exp')
  if (seconds >= claims.exp) throw notAuthorized(`Invalid login token. Token expired: ${seconds} >= ${claims.exp}`)
  try {
    // Claims were checked above in Cognito's order; here only the signature (and that the clock agrees).
    await jwtVerify(token, createLocalJWKSet(keys), { algorithms: ['RS256'], currentDate: new Date(now) })
  } catch {
    throw notAuthorized("Invalid login token. Couldn't verify signed token.")
  }
  if (claims.token_use !== 'id' || typeof claims.sub !== 'string') {
    throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.')
  }
  return claims as JWTPayload & { sub: string }
}

/** An ID token for a seeded user, as the provider would issue it; `expiresIn` may be negative (already expired). */
export function mintIdToken(key: SigningKey, issuer: string, user: User, options: { audience: string; expiresIn: number; now: number }): Promise<string> {
  const iat = Math.floor(options.now / 1000)
  return key.sign({ ...idTokenClaims(user), iss: issuer, aud: options.audience, iat, exp: iat + options.expiresIn, auth_time: iat })
}
