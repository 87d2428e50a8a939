// A session's Lightsail clients against a real emulator: expired credentials are renewed once, however many calls
// hear of it together.
import { GetInstanceSnapshotCommand, GetRegionsCommand } from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/server.ts'
import { admin, startTestEmulator, TEST_POOL } from '../../emulator/testing.ts'
import { CognitoCredentials } from './credentials.ts'
import { LightsailClients } from './lightsail.ts'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())

const issued = async () => ((await admin(emulator.url, 'counters')).body.calls as Record<string, number>)['CognitoIdentity.GetCredentialsForIdentity'] ?? 0

describe("a session's Lightsail clients", () => {
  it('renew expired credentials once for every call in flight, and each call still gets its answer', async () => {
    const origin = 'http://127.0.0.1:5173'
    const credentials = new CognitoCredentials({ region: 'us-east-2', identityPoolId: TEST_POOL, endpoint: emulator.url }, origin)
    const clients = new LightsailClients({ mode: 'direct', endpoint: emulator.url }, credentials, origin)
    await clients.call('us-east-2', (client, abortSignal) => client.send(new GetRegionsCommand({}), { abortSignal }))
    expect(await issued()).toBe(1)
    await admin(emulator.url, 'expire-credentials', {})
    const answers = await Promise.all(
      ['web-1-backup', 'db-primary-stuck', 'api-2-failed', 'web-1-upgrade-2026'].map((name) =>
        clients.call('us-east-2', (client, abortSignal) => client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: name }), { abortSignal })),
      ),
    )
    expect(answers.map((a) => a.instanceSnapshot!.name)).toEqual(['web-1-backup', 'db-primary-stuck', 'api-2-failed', 'web-1-upgrade-2026'])
    expect(await issued()).toBe(2)
    clients.destroy()
  })
})
