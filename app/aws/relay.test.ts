// The relay end to end in Node: the app's relay middleware on a real LightsailClient, the dev server's relay handler on
// a real HTTP server, and the emulator behind it verifying the signature made for the real Lightsail host.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GetInstanceSnapshotCommand, LightsailClient } from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/server.ts'
import { guestCredentials, loopbackOnly, startTestEmulator } from '../../emulator/testing.ts'
import { relayHandler } from '../../scripts/vite-relay.ts'
import { relayPlugin, relayUrlFor } from './relay.ts'

let emulator: Emulator
let relay: Server
let relayOrigin: string
const seen: { url?: string; headers: IncomingHttpHeaders }[] = []

beforeAll(async () => {
  emulator = await startTestEmulator()
  const handler = relayHandler({ relayPath: '/aws/lightsail', target: emulator.url })
  relay = createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers })
    handler(req, res, () => {
      res.writeHead(404)
      res.end()
    })
  })
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
  relayOrigin = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`
})
afterAll(async () => {
  await emulator.close()
  await new Promise((resolve) => relay.close(resolve))
})

async function relayedClient(region: string) {
  const client = new LightsailClient({ region, credentials: await guestCredentials(emulator.url), requestHandler: loopbackOnly() })
  client.middlewareStack.use(relayPlugin(relayUrlFor(relayOrigin, '/aws/lightsail', region)))
  return client
}

describe('the relay', () => {
  it('builds the relay URL on the app origin', () => {
    expect(relayUrlFor('https://ops.example.com', '/aws/lightsail/', 'eu-west-1').href).toBe('https://ops.example.com/aws/lightsail/eu-west-1/')
  })

  it('sends the request to the relay path, signed for the real host, and the emulator accepts it', async () => {
    seen.length = 0
    const client = await relayedClient('us-east-1')
    const out = await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'mail-relay-weekly' }))
    expect(out.instanceSnapshot!.name).toBe('mail-relay-weekly')
    expect(seen).toHaveLength(1)
    expect(seen[0]!.url).toBe('/aws/lightsail/us-east-1/')
    expect(seen[0]!.headers.authorization).toMatch(/Credential=ASIA\w+\/\d{8}\/us-east-1\/lightsail\/aws4_request, SignedHeaders=[^,]*host/)
  })

  it('re-signs and relays every retry', async () => {
    const client = await relayedClient('us-east-2')
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'throttle', count: 1 }) })
    const out = await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))
    expect(out.$metadata.attempts).toBe(2)
  })

  it('refuses a path that is not a region, and methods other than POST', async () => {
    const bad = await fetch(`${relayOrigin}/aws/lightsail/evil.example.com/`, { method: 'POST', body: '{}' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ __type: 'RelayBadRegion' })
    expect((await fetch(`${relayOrigin}/aws/lightsail/us-east-2/`)).status).toBe(405)
  })

  it('says so when the service behind it cannot be reached', async () => {
    const handler = relayHandler({ relayPath: '/aws/lightsail', target: 'http://127.0.0.1:9' })
    const dead = createServer((req, res) => handler(req, res, () => undefined))
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve))
    try {
      const response = await fetch(`http://127.0.0.1:${(dead.address() as AddressInfo).port}/aws/lightsail/us-east-2/`, { method: 'POST', body: '{}' })
      expect(response.status).toBe(502)
      expect(response.headers.get('x-amzn-errortype')).toBe('RelayUnavailable')
    } finally {
      await new Promise((resolve) => dead.close(resolve))
    }
  })
})
