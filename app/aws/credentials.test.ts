// A session's credential cache against a real emulator: one Cognito round trip for many callers, a fresh set on
// renew, failures named as Cognito's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/server.ts'
import { admin, startTestEmulator, TEST_POOL } from '../../emulator/testing.ts'
import { CognitoCredentials, cognitoEndpoint } from './credentials.ts'
import { AppError } from './errors.ts'

let emulator: Emulator
let cognito: { region: string; identityPoolId: string; endpoint: string }

beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())
beforeEach(async () => {
  await admin(emulator.url, 'reset', {})
  cognito = { region: 'us-east-2', identityPoolId: TEST_POOL, endpoint: emulator.url }
})

const calls = async (op: string) => ((await admin(emulator.url, 'counters')).body.calls as Record<string, number>)[`CognitoIdentity.${op}`] ?? 0
const ORIGIN = 'http://127.0.0.1:5173'

describe('a session\'s credentials', () => {
  it('serve concurrent callers from one GetId and one GetCredentialsForIdentity', async () => {
    const credentials = new CognitoCredentials(cognito, ORIGIN)
    const [a, b, c] = await Promise.all([credentials.provide(), credentials.provide(), credentials.provide()])
    expect(a.accessKeyId).toMatch(/^ASIA/)
    expect(b).toBe(a)
    expect(c).toBe(a)
    expect(await credentials.provide()).toBe(a)
    expect(await calls('GetId')).toBe(1)
    expect(await calls('GetCredentialsForIdentity')).toBe(1)
  })

  it('are fetched afresh after a renewal, for the same identity', async () => {
    const credentials = new CognitoCredentials(cognito, ORIGIN)
    const first = await credentials.provide()
    const generation = credentials.generation
    expect(credentials.renew()).toBe(generation + 1)
    const second = await credentials.provide()
    expect(second.accessKeyId).not.toBe(first.accessKeyId)
    expect(await calls('GetCredentialsForIdentity')).toBe(2)
  })

  it('are not kept when fetching them failed, and the failure is Cognito\'s', async () => {
    const credentials = new CognitoCredentials(cognito, ORIGIN)
    await admin(emulator.url, 'faults', { kind: 'http500', count: 3, service: 'cognito-identity' })
    const failure = await credentials.provide().catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(AppError)
    expect(failure).toMatchObject({ kind: 'service', source: 'cognito', httpStatus: 500, code: 'InternalFailure' })
    await expect(credentials.provide()).resolves.toHaveProperty('accessKeyId')
  })

  it('name an unknown pool as a Cognito refusal', async () => {
    const credentials = new CognitoCredentials({ ...cognito, identityPoolId: 'us-east-2:00000000-0000-0000-0000-000000000000' }, ORIGIN)
    await expect(credentials.provide()).rejects.toMatchObject({ kind: 'credentials', source: 'cognito', code: 'ResourceNotFoundException' })
  })

  it('are refreshed when fewer than five minutes remain', async () => {
    const short = await startTestEmulator({ credentialSeconds: 120 })
    try {
      const credentials = new CognitoCredentials({ ...cognito, endpoint: short.url }, ORIGIN)
      const first = await credentials.provide()
      const second = await credentials.provide()
      expect(second.accessKeyId).not.toBe(first.accessKeyId)
    } finally {
      await short.close()
    }
  })

  it('go through the same-origin Cognito relay when config.json names one', () => {
    expect(cognitoEndpoint({ region: 'eu-west-1', identityPoolId: TEST_POOL, relayPath: '/aws/cognito-identity' }, 'https://ops.example.com')).toBe(
      'https://ops.example.com/aws/cognito-identity/eu-west-1/',
    )
    expect(cognitoEndpoint(cognito, 'https://ops.example.com')).toBe(emulator.url)
    expect(cognitoEndpoint({ region: 'eu-west-1', identityPoolId: TEST_POOL }, 'https://ops.example.com')).toBeUndefined()
  })
})
