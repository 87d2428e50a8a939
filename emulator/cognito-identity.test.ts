import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from './server.ts'
import { cognitoClient, startTestEmulator, TEST_POOL } from './testing.ts'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator({ credentialSeconds: 900 })
})
afterAll(() => emulator.close())

/** A Cognito Identity call as a browser would send it, without the SDK. */
const rawCall = (operation: string, body: string, headers: Record<string, string> = {}) =>
  fetch(emulator.url, {
    method: 'POST',
    headers: { 'x-amz-target': `AWSCognitoIdentityService.${operation}`, 'content-type': 'application/x-amz-json-1.1', ...headers },
    body,
  })

describe('Cognito Identity through the real SDK', () => {
  it('issues an identity id in the pool region, then credentials that expire after the configured lifetime', async () => {
    const cognito = cognitoClient(emulator.url)
    const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: TEST_POOL }))
    expect(IdentityId).toMatch(/^us-east-2:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)

    const before = Date.now()
    const out = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId }))
    expect(out.IdentityId).toBe(IdentityId)
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(out.Credentials?.SecretKey).toHaveLength(40)
    expect(out.Credentials?.SessionToken?.length).toBeGreaterThan(100)
    const expiresIn = out.Credentials!.Expiration!.getTime() - before
    expect(expiresIn).toBeGreaterThan(899_000)
    expect(expiresIn).toBeLessThan(901_000)
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers ResourceNotFoundException for an unknown pool and an unknown identity', async () => {
    const cognito = cognitoClient(emulator.url)
    await expect(cognito.send(new GetIdCommand({ IdentityPoolId: 'us-east-2:99999999-0000-0000-0000-000000000000' })))
      .rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } })
    await expect(cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-2:00000000-0000-0000-0000-000000000000' })))
      .rejects.toMatchObject({ name: 'ResourceNotFoundException' })
  })

  it('answers InvalidParameterException for malformed ids', async () => {
    const cognito = cognitoClient(emulator.url)
    await expect(cognito.send(new GetIdCommand({ IdentityPoolId: 'not a pool' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('identityPoolId'),
    })
    await expect(cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: 'x'.repeat(80) }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    })
  })

  it('answers NotAuthorizedException for logins sent to a pool without providers', async () => {
    const cognito = cognitoClient(emulator.url)
    await expect(
      cognito.send(new GetIdCommand({ IdentityPoolId: TEST_POOL, Logins: { 'accounts.example.com': 'token' } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' })
    const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: TEST_POOL }))
    await expect(
      cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { 'accounts.example.com': 'token' } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' })
  })

  it('answers a malformed body with SerializationException', async () => {
    const response = await rawCall('GetId', '{not json')
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ __type: 'SerializationException' })
  })

  it('allows browsers, as the real service does, and exposes Date and the request id', async () => {
    const preflight = await fetch(emulator.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent',
      },
    })
    expect(preflight.status).toBe(200)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-amz-target')

    const response = await rawCall('GetId', JSON.stringify({ IdentityPoolId: TEST_POOL }), { origin: 'http://127.0.0.1:5173' })
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    expect(response.headers.get('access-control-expose-headers')).toMatch(/x-amzn-RequestId.*Date/)
    expect(response.headers.get('date')).not.toBeNull()
  })

  it('answers an unknown Cognito operation with UnknownOperationException', async () => {
    const response = await rawCall('DeleteIdentityPool', '{}')
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
  })
})
