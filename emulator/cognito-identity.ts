// Cognito Identity: GetId and GetCredentialsForIdentity, unsigned, as the browser's credential provider calls them.
import { randomBytes, randomUUID } from 'node:crypto'
import type { SigningCredential } from './sigv4.ts'
import { AwsError, epochSeconds } from './wire.ts'

export interface IdentityPool {
  id: string
  /** Login providers (for example a user pool's `cognito-idp.<region>.amazonaws.com/<id>`); none: guests only. */
  providers: string[]
}

export type Role = 'guest' | 'authenticated'

export interface IssuedCredential extends SigningCredential {
  identityId: string
  role: Role
}

const cognitoErrors = {
  invalidParameter: (message: string) => new AwsError(400, 'InvalidParameterException', message),
  resourceNotFound: (message: string) => new AwsError(400, 'ResourceNotFoundException', message),
  notAuthorized: (message: string) => new AwsError(400, 'NotAuthorizedException', message),
}

const ID_PATTERN = /^[\w-]+:[0-9a-f-]+$/

function requireId(input: Record<string, unknown>, field: string): string {
  const value = input[field]
  if (typeof value !== 'string' || value.length < 1 || value.length > 55 || !ID_PATTERN.test(value)) {
    throw cognitoErrors.invalidParameter(
      `1 validation error detected: Value '${String(value)}' at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`,
    )
  }
  return value
}

function logins(input: Record<string, unknown>): Record<string, string> {
  const value = input.Logins
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw cognitoErrors.invalidParameter('Logins must be a map of provider names to tokens.')
  }
  return value as Record<string, string>
}

function randomKey(length: number, alphabet: string): string {
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('')
}

export class CognitoIdentity {
  private readonly identities = new Map<string, { poolId: string; role: Role }>()
  private readonly credentials = new Map<string, IssuedCredential>()

  constructor(
    private readonly pools: IdentityPool[],
    private readonly credentialSeconds: number,
    private readonly clock: () => number,
  ) {}

  private pool(poolId: string): IdentityPool {
    const pool = this.pools.find((p) => p.id === poolId)
    if (!pool) throw cognitoErrors.resourceNotFound(`IdentityPool '${poolId}' not found.`)
    return pool
  }

  private checkLogins(pool: IdentityPool, given: Record<string, string>): Role {
    const names = Object.keys(given)
    if (names.length === 0) return 'guest'
    if (pool.providers.length === 0 || names.some((n) => !pool.providers.includes(n))) {
      throw cognitoErrors.notAuthorized('Invalid login token. Logins don\'t match. Please include at least one valid login for this identity or identity pool.')
    }
    return 'authenticated'
  }

  getId(input: Record<string, unknown>) {
    const poolId = requireId(input, 'IdentityPoolId')
    if (input.AccountId !== undefined && (typeof input.AccountId !== 'string' || !/^\d{1,15}$/.test(input.AccountId))) {
      throw cognitoErrors.invalidParameter('AccountId must be 1 to 15 digits.')
    }
    const pool = this.pool(poolId)
    const role = this.checkLogins(pool, logins(input))
    const identityId = `${poolId.split(':')[0]}:${randomUUID()}`
    this.identities.set(identityId, { poolId, role })
    return { IdentityId: identityId }
  }

  getCredentialsForIdentity(input: Record<string, unknown>) {
    const identityId = requireId(input, 'IdentityId')
    const identity = this.identities.get(identityId)
    if (!identity) throw cognitoErrors.resourceNotFound(`Identity '${identityId}' not found.`)
    const role = this.checkLogins(this.pool(identity.poolId), logins(input))
    if (identity.role === 'authenticated' && role === 'guest') {
      throw cognitoErrors.notAuthorized('Access to Identity \'' + identityId + '\' is forbidden.')
    }
    const credential: IssuedCredential = {
      accessKeyId: `ASIA${randomKey(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      secretAccessKey: randomKey(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
      sessionToken: randomBytes(96).toString('base64'),
      expiresAt: this.clock() + this.credentialSeconds * 1000,
      identityId,
      role,
    }
    this.credentials.set(credential.accessKeyId, credential)
    return {
      IdentityId: identityId,
      Credentials: {
        AccessKeyId: credential.accessKeyId,
        SecretKey: credential.secretAccessKey,
        SessionToken: credential.sessionToken,
        Expiration: epochSeconds(new Date(credential.expiresAt)),
      },
    }
  }

  credential(accessKeyId: string): IssuedCredential | undefined {
    return this.credentials.get(accessKeyId)
  }

  /** Every credential issued so far stops working now, as if revoked or past its time. */
  expireAll(): number {
    const now = this.clock()
    for (const c of this.credentials.values()) c.expiresAt = Math.min(c.expiresAt, now - 1)
    return this.credentials.size
  }
}
