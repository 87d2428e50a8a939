// Cognito Identity: GetId and GetCredentialsForIdentity, unsigned, as the browser's credential provider calls them.
// Guests and signed-in users are told apart by `Logins`; every login is verified (id-tokens.ts), and each identity
// gets the role its pool gives it, narrowed for guests as AWS's enhanced flow does.
import { randomBytes, randomUUID } from 'node:crypto'
import type { JSONWebKeySet } from 'jose'
import { ROLES, type Permissions } from './iam.ts'
import { notAuthorized, verifyLogin } from './id-tokens.ts'
import { roleFor, type IdentityPool } from './pools.ts'
import type { SigningCredential } from './sigv4.ts'
import { AwsError, epochSeconds } from './wire.ts'

export interface IssuedCredential extends SigningCredential {
  identityId: string
  permissions: Permissions
}

/** Who an identity id belongs to: a guest, or one user of one provider. */
type Owner = { kind: 'guest' } | { kind: 'user'; provider: string; sub: string }

const cognitoErrors = {
  invalidParameter: (message: string) => new AwsError(400, 'InvalidParameterException', message),
  resourceNotFound: (message: string) => new AwsError(400, 'ResourceNotFoundException', message),
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

function logins(input: Record<string, unknown>): [string, string][] {
  const value = input.Logins
  if (value === undefined) return []
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw cognitoErrors.invalidParameter('Logins must be a map of provider names to tokens.')
  }
  return Object.entries(value as Record<string, string>)
}

function randomKey(length: number, alphabet: string): string {
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('')
}

export class CognitoIdentity {
  private readonly identities = new Map<string, { poolId: string; owner: Owner }>()
  private readonly credentials = new Map<string, IssuedCredential>()

  constructor(
    private readonly pools: () => IdentityPool[],
    private readonly keys: () => JSONWebKeySet,
    private readonly credentialSeconds: number,
    private readonly clock: () => number,
  ) {}

  private pool(poolId: string): IdentityPool {
    const pool = this.pools().find((p) => p.id === poolId)
    if (!pool) throw cognitoErrors.resourceNotFound(`IdentityPool '${poolId}' not found.`)
    return pool
  }

  /** The owner and role the request's `Logins` prove, or a guest's when there are none. */
  private async authenticate(pool: IdentityPool, input: Record<string, unknown>): Promise<{ owner: Owner; role: string | undefined }> {
    const given = logins(input)
    if (given.length === 0) {
      if (!pool.allowUnauthenticated) throw notAuthorized('Unauthenticated access is not supported for this identity pool.')
      return { owner: { kind: 'guest' }, role: pool.roles.unauthenticated }
    }
    if (given.length > 1) throw notAuthorized('Invalid login token. Only one login per request is supported here.')
    const [provider, token] = given[0]!
    const claims = await verifyLogin(provider, token, pool.providers, this.keys(), this.clock())
    return { owner: { kind: 'user', provider, sub: claims.sub }, role: roleFor(pool, claims) }
  }

  async getId(input: Record<string, unknown>) {
    const poolId = requireId(input, 'IdentityPoolId')
    if (input.AccountId !== undefined && (typeof input.AccountId !== 'string' || !/^\d{1,15}$/.test(input.AccountId))) {
      throw cognitoErrors.invalidParameter('AccountId must be 1 to 15 digits.')
    }
    const pool = this.pool(poolId)
    const { owner } = await this.authenticate(pool, input)
    // A user keeps one identity per pool, as in Cognito; every guest GetId makes a new one.
    if (owner.kind === 'user') {
      for (const [id, identity] of this.identities) {
        const o = identity.owner
        if (identity.poolId === poolId && o.kind === 'user' && o.provider === owner.provider && o.sub === owner.sub) return { IdentityId: id }
      }
    }
    const identityId = `${poolId.split(':')[0]}:${randomUUID()}`
    this.identities.set(identityId, { poolId, owner })
    return { IdentityId: identityId }
  }

  async getCredentialsForIdentity(input: Record<string, unknown>) {
    const identityId = requireId(input, 'IdentityId')
    const identity = this.identities.get(identityId)
    if (!identity) throw cognitoErrors.resourceNotFound(`Identity '${identityId}' not found.`)
    const pool = this.pool(identity.poolId)
    if (identity.owner.kind === 'user' && logins(input).length === 0) {
      throw notAuthorized(`Access to Identity '${identityId}' is forbidden.`)
    }
    const { owner, role } = await this.authenticate(pool, input)
    const same = identity.owner.kind === owner.kind && (owner.kind === 'guest' || (identity.owner.kind === 'user' && identity.owner.sub === owner.sub && identity.owner.provider === owner.provider))
    if (!same) throw notAuthorized('Invalid login token. The login does not belong to this identity.')
    const roleName = role ?? 'SnapshotLensNoLightsail'
    const credential: IssuedCredential = {
      accessKeyId: `ASIA${randomKey(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      secretAccessKey: randomKey(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
      sessionToken: randomBytes(96).toString('base64'),
      expiresAt: this.clock() + this.credentialSeconds * 1000,
      identityId,
      permissions: {
        role: ROLES[roleName] ?? { name: roleName, statements: [] },
        scopedDownAsGuest: owner.kind === 'guest' && pool.guestsScopedDown,
      },
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
