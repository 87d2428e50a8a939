// The shared credential cache against a real emulator: one Cognito round trip for many callers, a fresh set on renew.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/server.ts'
import { admin, startTestEmulator, TEST_POOL } from '../../emulator/testing.ts'
import { configureCredentials, credentialGeneration, credentials, renewCredentials } from './credentials.ts'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())
beforeEach(async () => {
  await admin(emulator.url, 'reset', {})
  configureCredentials({ region: 'us-east-2', identityPoolId: TEST_POOL, endpoint: emulator.url })
})

const calls = async (op: string) => ((await admin(emulator.url, 'counters')).body.calls as Record<string, number>)[`CognitoIdentity.${op}`] ?? 0

describe('the shared credentials', () => {
  it('serve concurrent callers from one GetId and one GetCredentialsForIdentity', async () => {
    const [a, b, c] = await Promise.all([credentials(), credentials(), credentials()])
    expect(a.accessKeyId).toMatch(/^ASIA/)
    expect(b).toBe(a)
    expect(c).toBe(a)
    expect(await credentials()).toBe(a)
    expect(await calls('GetId')).toBe(1)
    expect(await calls('GetCredentialsForIdentity')).toBe(1)
  })

  it('are fetched afresh after a renewal, for the same identity', async () => {
    const first = await credentials()
    const generation = credentialGeneration()
    expect(renewCredentials()).toBe(generation + 1)
    const second = await credentials()
    expect(second.accessKeyId).not.toBe(first.accessKeyId)
    expect(await calls('GetCredentialsForIdentity')).toBe(2)
  })

  it('are not kept when fetching them failed, so the next caller tries again', async () => {
    await admin(emulator.url, 'faults', { kind: 'http500', count: 3, service: 'cognito-identity' })
    await expect(credentials()).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } })
    await expect(credentials()).resolves.toHaveProperty('accessKeyId')
  })

  it('are refreshed when fewer than five minutes remain', async () => {
    const short = await startTestEmulator({ credentialSeconds: 120 })
    try {
      configureCredentials({ region: 'us-east-2', identityPoolId: TEST_POOL, endpoint: short.url })
      const first = await credentials()
      const second = await credentials()
      expect(second.accessKeyId).not.toBe(first.accessKeyId)
    } finally {
      await short.close()
    }
  })
})
