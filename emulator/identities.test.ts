// Identities as AWS treats them, through the real SDK: every token fault gets Cognito's answer, guests are denied
// Lightsail by the enhanced flow's session policy, and each role's policy decides what a signed-in user may read.
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity'
import { GetInstanceSnapshotCommand, GetInstanceSnapshotsCommand, GetRegionsCommand, LightsailClient } from '@aws-sdk/client-lightsail'
import { decodeJwt, SignJWT, generateKeyPair } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEVELOPMENT_POOL, GUEST_POOL, SIGNED_IN_POOL } from './pools.ts'
import type { Emulator } from './server.ts'
import { admin, cognitoClient, guestCredentials, idToken, loopbackOnly, providerName, startTestEmulator, userCredentials } from './testing.ts'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())

const get = (name = 'web-1-backup') => new GetInstanceSnapshotCommand({ instanceSnapshotName: name })
const lightsail = (credentials: Awaited<ReturnType<typeof guestCredentials>>, region = 'us-east-2') =>
  new LightsailClient({ region, endpoint: emulator.url, credentials, requestHandler: loopbackOnly(), maxAttempts: 1 })

async function getId(pool: string, logins?: Record<string, string>) {
  return cognitoClient(emulator.url).send(new GetIdCommand({ IdentityPoolId: pool, Logins: logins }))
}

describe('signing in to Cognito Identity with an ID token', () => {
  it('gives a user one identity per pool, whatever token they bring, and credentials with their role', async () => {
    const logins = async () => ({ [providerName(emulator)]: await idToken(emulator.url, 'alice') })
    const first = await getId(SIGNED_IN_POOL, await logins())
    const again = await getId(SIGNED_IN_POOL, await logins())
    expect(again.IdentityId).toBe(first.IdentityId)
    const bob = await getId(SIGNED_IN_POOL, { [providerName(emulator)]: await idToken(emulator.url, 'bob') })
    expect(bob.IdentityId).not.toBe(first.IdentityId)
  })

  it('refuses an identity of a user without their login, and with another user\'s', async () => {
    const alice = { [providerName(emulator)]: await idToken(emulator.url, 'alice') }
    const { IdentityId } = await getId(SIGNED_IN_POOL, alice)
    const cognito = cognitoClient(emulator.url)
    await expect(cognito.send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Access to Identity '${IdentityId}' is forbidden.`,
    })
    const bob = { [providerName(emulator)]: await idToken(emulator.url, 'bob') }
    await expect(cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: bob }))).rejects.toMatchObject({ name: 'NotAuthorizedException' })
  })

  it.each([
    ['an expired token', async () => ({ [providerName(emulator)]: await idToken(emulator.url, 'alice', { expiresIn: -60 }) }), /^Invalid login token\. Token expired: \d+ >= \d+$/],
    ['a provider the pool does not trust', async () => ({ 'accounts.example.com': await idToken(emulator.url, 'alice') }), /^Token is not from a supported provider of this identity pool\.$/],
    ['a token for another audience', async () => ({ [providerName(emulator)]: await idToken(emulator.url, 'alice', { audience: 'someone-else' }) }), /^Invalid login token\. Incorrect token audience\.$/],
    ['not a token at all', async () => ({ [providerName(emulator)]: 'not-a-jwt' }), /^Invalid login token\. Not a valid OpenId Connect identity token\.$/],
  ])('answers NotAuthorizedException in Cognito\'s words for %s', async (_what, logins, message) => {
    await expect(getId(SIGNED_IN_POOL, await logins())).rejects.toMatchObject({ name: 'NotAuthorizedException', message: expect.stringMatching(message), $metadata: { httpStatusCode: 400 } })
  })

  it('answers "Issuer doesn\'t match providerName" and "Missing a required claim: aud" for forged tokens', async () => {
    const { privateKey } = await generateKeyPair('RS256')
    const now = Math.floor(Date.now() / 1000)
    const forge = (claims: Record<string, unknown>) => new SignJWT({ sub: 'x', token_use: 'id', iat: now, exp: now + 600, ...claims }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey)
    const key = providerName(emulator)
    await expect(getId(SIGNED_IN_POOL, { [key]: await forge({ iss: 'https://evil.example', aud: 'snapshot-lens' }) })).rejects.toMatchObject({
      message: "Invalid login token. Issuer doesn't match providerName",
    })
    await expect(getId(SIGNED_IN_POOL, { [key]: await forge({ iss: emulator.issuer }) })).rejects.toMatchObject({
      message: 'Invalid login token. Missing a required claim: aud',
    })
    // Right issuer and audience, but signed with a key the provider never had.
    await expect(getId(SIGNED_IN_POOL, { [key]: await forge({ iss: emulator.issuer, aud: 'snapshot-lens' }) })).rejects.toMatchObject({
      message: "Invalid login token. Couldn't verify signed token.",
    })
  })

  it('mints ID tokens carrying the claims a user pool\'s do', async () => {
    const token = await idToken(emulator.url, 'alice')
    expect(decodeJwt(token)).toMatchObject({ token_use: 'id', iss: emulator.issuer, aud: 'snapshot-lens', 'cognito:username': 'alice', 'cognito:groups': ['lightsail-readers'] })
  })

  it('answers ResourceNotFoundException for an unknown pool, and refuses guests where they are off', async () => {
    await expect(getId('us-east-2:99999999-0000-0000-0000-000000000000')).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
    await expect(getId(SIGNED_IN_POOL)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    })
  })
})

describe('each identity\'s Lightsail permissions', () => {
  it('alice (all regions) reads every region', async () => {
    const credentials = await userCredentials(emulator, 'alice')
    await expect(lightsail(credentials).send(get())).resolves.toHaveProperty('instanceSnapshot.name', 'web-1-backup')
    await expect(lightsail(credentials, 'us-west-2').send(new GetInstanceSnapshotsCommand({}))).resolves.toHaveProperty('instanceSnapshots')
    await expect(lightsail(credentials).send(new GetRegionsCommand({}))).resolves.toHaveProperty('regions')
  })

  it('bob reads us-east-2 and is denied us-west-2, in IAM\'s words naming his role, the action and the region', async () => {
    const credentials = await userCredentials(emulator, 'bob')
    await expect(lightsail(credentials).send(get())).resolves.toHaveProperty('instanceSnapshot')
    await expect(lightsail(credentials, 'us-west-2').send(new GetInstanceSnapshotsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::123456789012:assumed-role/SnapshotLensReadersOhio/CognitoIdentityCredentials is not authorized to perform: lightsail:GetInstanceSnapshots on resource: arn:aws:lightsail:us-west-2:123456789012:* because no identity-based policy allows the lightsail:GetInstanceSnapshots action',
      $metadata: { httpStatusCode: 403 },
    })
  })

  it('carol (no Lightsail permission) is denied everywhere', async () => {
    const credentials = await userCredentials(emulator, 'carol')
    for (const region of ['us-east-2', 'us-west-2']) {
      await expect(lightsail(credentials, region).send(get())).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining('assumed-role/SnapshotLensNoLightsail/CognitoIdentityCredentials is not authorized to perform: lightsail:GetInstanceSnapshot'),
      })
    }
  })

  it('guests of a pool that allows them are denied Lightsail, as the enhanced flow\'s session policy does', async () => {
    const credentials = await guestCredentials(emulator.url, GUEST_POOL)
    await expect(lightsail(credentials).send(get())).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringMatching(/assumed-role\/SnapshotLensGuests\/CognitoIdentityCredentials is not authorized to perform: lightsail:GetInstanceSnapshot .* because no session policy allows/),
    })
  })

  it('guests of the emulator\'s development pool may read (no session policy there, and only there)', async () => {
    const credentials = await guestCredentials(emulator.url, DEVELOPMENT_POOL)
    await expect(lightsail(credentials).send(get())).resolves.toHaveProperty('instanceSnapshot')
  })
})

describe('the admin API mints ID tokens', () => {
  it('for a seeded user, optionally expired or for another audience, and refuses anyone else', async () => {
    const now = Math.floor(Date.now() / 1000)
    const expired = decodeJwt(await idToken(emulator.url, 'bob', { expiresIn: -30 }))
    expect(expired.exp).toBeLessThan(now)
    expect(decodeJwt(await idToken(emulator.url, 'carol', { audience: 'ops-portal' })).aud).toBe('ops-portal')
    expect(await admin(emulator.url, 'tokens', { user: 'mallory' })).toMatchObject({ status: 400 })
    expect(await admin(emulator.url, 'tokens', { user: 'alice', expiresIn: 'forever' })).toMatchObject({ status: 400 })
  })
})
