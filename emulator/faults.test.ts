import { GetInstanceSnapshotCommand, GetInstanceSnapshotsCommand } from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FaultInjector } from './faults.ts'
import type { Emulator } from './server.ts'
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity'
import { admin, cognitoClient, idToken, lightsailClient, providerName, SIGNED_IN_POOL, startTestEmulator } from './testing.ts'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())
beforeEach(() => admin(emulator.url, 'reset', {}))

const get = (name = 'web-1-backup') => new GetInstanceSnapshotCommand({ instanceSnapshotName: name })
const counters = async () => (await admin(emulator.url, 'counters')).body as { calls: Record<string, number>; faultsInjected: number }

describe('injected faults, seen through the SDK', () => {
  it('throttling for the next 2 calls: the SDK retries and gets through on the third attempt', async () => {
    const client = await lightsailClient(emulator.url)
    await admin(emulator.url, 'faults', { kind: 'throttle', count: 2, service: 'lightsail' })
    const out = await client.send(get())
    expect(out.$metadata.attempts).toBe(3)
    const c = await counters()
    expect(c.calls['Lightsail.GetInstanceSnapshot']).toBe(3)
    expect(c.faultsInjected).toBe(2)
  })

  it('HTTP 500 and 503 beyond the retry budget reach the caller with their status', async () => {
    const client = await lightsailClient(emulator.url)
    await admin(emulator.url, 'faults', { kind: 'http500', count: 3, service: 'lightsail' })
    await expect(client.send(get())).rejects.toMatchObject({ name: 'InternalFailure', $metadata: { httpStatusCode: 500, attempts: 3 } })
    await admin(emulator.url, 'faults', { kind: 'http503', count: 3, operation: 'GetInstanceSnapshot' })
    await expect(client.send(get())).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } })
    await expect(client.send(get())).resolves.toHaveProperty('instanceSnapshot')
  })

  it('a dropped connection is a network error the SDK retries', async () => {
    const client = await lightsailClient(emulator.url)
    await admin(emulator.url, 'faults', { kind: 'drop', count: 1, service: 'lightsail' })
    const out = await client.send(get())
    expect(out.$metadata.attempts).toBe(2)
  })

  it('a slow response holds the answer for the given time', async () => {
    const client = await lightsailClient(emulator.url)
    await admin(emulator.url, 'faults', { kind: 'slow', count: 1, delayMs: 400, service: 'lightsail' })
    const started = performance.now()
    await client.send(get())
    expect(performance.now() - started).toBeGreaterThanOrEqual(390)
  })

  it('faults can target Cognito Identity, and a rate of 1 fails every call until cleared', async () => {
    await admin(emulator.url, 'faults', { kind: 'http500', rate: 1, service: 'cognito-identity' })
    await expect(lightsailClient(emulator.url)).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } })
    await admin(emulator.url, 'faults', undefined, 'DELETE')
    await expect(lightsailClient(emulator.url)).resolves.toBeDefined()
  })

  it('a named Lightsail error answers with its type, status and Lightsail fields', async () => {
    const client = await lightsailClient(emulator.url)
    await admin(emulator.url, 'faults', { kind: 'error', error: 'UnauthenticatedException', count: 1 })
    await expect(client.send(get())).rejects.toMatchObject({ name: 'UnauthenticatedException', code: 'Unauthenticated', $metadata: { httpStatusCode: 401 } })
    await admin(emulator.url, 'faults', { kind: 'error', error: 'RegionSetupInProgressException', count: 1 })
    await expect(client.send(get())).rejects.toMatchObject({ name: 'RegionSetupInProgressException', $metadata: { httpStatusCode: 428 } })
    await admin(emulator.url, 'faults', { kind: 'error', error: 'OperationFailureException', count: 1 })
    await expect(client.send(get())).rejects.toMatchObject({ name: 'OperationFailureException', $metadata: { httpStatusCode: 400 } })
    await admin(emulator.url, 'faults', { kind: 'error', error: 'ServiceException', count: 3 })
    await expect(client.send(get())).rejects.toMatchObject({ name: 'ServiceException', $metadata: { httpStatusCode: 500, attempts: 3 } })
    await expect(client.send(get())).resolves.toHaveProperty('instanceSnapshot')
  })

  it('latency applies to every call', async () => {
    const client = await lightsailClient(emulator.url)
    await admin(emulator.url, 'latency', { ms: 150 })
    const started = performance.now()
    await client.send(get())
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
  })

  it('reset clears faults, latency and counters', async () => {
    await admin(emulator.url, 'faults', { kind: 'throttle', rate: 1 })
    await admin(emulator.url, 'latency', { ms: 500 })
    await admin(emulator.url, 'reset', {})
    const c = await counters()
    expect(c).toMatchObject({ calls: {}, faultsInjected: 0, faults: [], latencyMs: 0 })
    const client = await lightsailClient(emulator.url)
    await expect(client.send(get())).resolves.toHaveProperty('instanceSnapshot')
  })

  it('a fault can target one region while the others answer', async () => {
    const east = await lightsailClient(emulator.url, 'us-east-2')
    const north = await lightsailClient(emulator.url, 'eu-north-1')
    const west = await lightsailClient(emulator.url, 'us-west-2')
    await admin(emulator.url, 'faults', { kind: 'error', error: 'ServiceException', rate: 1, region: 'us-west-2', service: 'lightsail' })
    await expect(west.send(new GetInstanceSnapshotsCommand({}))).rejects.toMatchObject({ name: 'ServiceException' })
    await expect(east.send(new GetInstanceSnapshotsCommand({}))).resolves.toHaveProperty('instanceSnapshots')
    await expect(north.send(new GetInstanceSnapshotsCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException' })
  })

  it('tokensInUse: refuses the login tokens presented before the fault, and lets a renewed one through', async () => {
    const cognito = cognitoClient(emulator.url)
    const login = async (token: string) => {
      const Logins = { [providerName(emulator)]: token }
      const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: SIGNED_IN_POOL, Logins }))
      return cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))
    }
    const old = await idToken(emulator.url, 'alice')
    await login(old)
    expect((await admin(emulator.url, 'faults', { kind: 'error', error: 'NotAuthorizedException', rate: 1, tokensInUse: true, service: 'cognito-identity', operation: 'GetCredentialsForIdentity' })).status).toBe(200)
    await expect(login(old)).rejects.toMatchObject({ name: 'NotAuthorizedException' })
    // A renewed token differs from the old one (here by its lifetime: both were minted within one second).
    await expect(login(await idToken(emulator.url, 'alice', { expiresIn: 1800 }))).resolves.toMatchObject({ Credentials: expect.any(Object) })
    expect((await admin(emulator.url, 'faults', { kind: 'error', error: 'NotAuthorizedException', rate: 1, tokensInUse: true, service: 'lightsail' })).status).toBe(400)
  })

  it("alter: the real answer with one field replaced, for a malformed answer's field; a bad path refused", async () => {
    const client = await lightsailClient(emulator.url)
    await admin(emulator.url, 'faults', { kind: 'alter', count: 1, operation: 'GetInstanceSnapshot', path: 'instanceSnapshot.tags', value: 'notanarray' })
    const altered = await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))
    expect(altered.instanceSnapshot!.tags).toBe('notanarray')
    expect(altered.instanceSnapshot!.name).toBe('web-1-backup')
    const plain = await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))
    expect(Array.isArray(plain.instanceSnapshot!.tags)).toBe(true)
    expect((await admin(emulator.url, 'faults', { kind: 'alter', count: 1, path: '../x', value: 1 })).status).toBe(400)
    expect((await admin(emulator.url, 'faults', { kind: 'alter', count: 1, path: 'instanceSnapshot.tags' })).status).toBe(400)
  })

  it('malformed answers: a 200 without what the operation promises, and a 200 that is not JSON at all', async () => {
    const client = await lightsailClient(emulator.url)
    await admin(emulator.url, 'faults', { kind: 'malformed', count: 1, service: 'lightsail' })
    const empty = await client.send(get())
    expect(empty.instanceSnapshot).toBeUndefined()
    await admin(emulator.url, 'faults', { kind: 'not-json', count: 1, service: 'lightsail' })
    await expect(client.send(get())).rejects.toMatchObject({ name: 'SyntaxError', $metadata: { httpStatusCode: 200 } })
  })

  it('CORS preflights pay the latency too, as a browser pays the round trip, and are counted', async () => {
    await admin(emulator.url, 'latency', { ms: 200 })
    const started = performance.now()
    const preflight = await fetch(emulator.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    })
    expect(preflight.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(190)
    expect((await counters()).calls.Preflight).toBe(1)
  })

  it('the admin API names what is wrong with a fault', async () => {
    expect(await admin(emulator.url, 'faults', { kind: 'meteor', count: 1 })).toMatchObject({ status: 400, body: { error: expect.stringContaining('kind must be one of') } })
    expect(await admin(emulator.url, 'faults', { kind: 'throttle' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('count') } })
    expect(await admin(emulator.url, 'faults', { kind: 'throttle', rate: 2 })).toMatchObject({ status: 400 })
    expect(await admin(emulator.url, 'faults', { kind: 'error', error: 'Oops', count: 1 })).toMatchObject({ status: 400, body: { error: expect.stringContaining('UnauthenticatedException') } })
    expect(await admin(emulator.url, 'nowhere')).toMatchObject({ status: 404, body: { routes: expect.any(Array) } })
    const notJson = await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{kind' })
    expect(notJson.status).toBe(400)
    expect(await admin(emulator.url, 'faults', { kind: 'throttle', count: 1, region: 'Mars' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('region') } })
  })
})

describe('FaultInjector', () => {
  it('a rate applies by the random draw; a count is spent and then gone', () => {
    const faults = new FaultInjector()
    faults.add({ kind: 'throttle', rate: 0.5 })
    expect(faults.next('lightsail', 'X', undefined, () => 0.7).action).toBe('none')
    expect(faults.next('lightsail', 'X', undefined, () => 0.2).action).toBe('error')
    faults.clear()
    faults.add({ kind: 'drop', count: 2, operation: 'GetInstanceSnapshot' })
    expect(faults.next('lightsail', 'GetRegions', undefined).action).toBe('none')
    expect(faults.next('lightsail', 'GetInstanceSnapshot', undefined).action).toBe('drop')
    expect(faults.next('lightsail', 'GetInstanceSnapshot', undefined).action).toBe('drop')
    expect(faults.next('lightsail', 'GetInstanceSnapshot', undefined).action).toBe('none')
    expect(faults.list()).toEqual([])
  })
})
