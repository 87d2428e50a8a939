// The dev and preview relay: its time limits, the routes it reads from the served config, and the real path (the app's
// relay middleware on a real LightsailClient, through this relay, to the emulator). Every rule of
// app/lib/relay-rules.ts against hostile requests is in the table of relay cases (deploy/relay-cases.test.ts), which
// this relay, nginx and CloudFront all answer alike.
import { mkdtempSync, writeFileSync, utimesSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetInstanceSnapshotCommand, LightsailClient } from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { relayPlugin as appRelayPlugin, relayUrlFor } from '../app/aws/relay.ts'
import { COGNITO_RELAY, LIGHTSAIL_RELAY, relayRegions } from '../app/lib/relay-rules.ts'
import type { Emulator } from '../emulator/server.ts'
import { admin, guestCredentials, loopbackOnly, startTestEmulator, TEST_POOL } from '../emulator/testing.ts'
import { relayHandler, routesFromConfig, type RelayOptions } from './vite-relay.ts'

const SIGNED = {
  authorization: `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261127/us-east-2/lightsail/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'a'.repeat(64)}`,
  'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshot',
}
const ROUTES = () => [
  { service: LIGHTSAIL_RELAY, path: '/aws/lightsail', regions: relayRegions(LIGHTSAIL_RELAY, 'us-east-2') },
  { service: COGNITO_RELAY, path: '/aws/cognito-identity', regions: relayRegions(COGNITO_RELAY, 'us-east-2') },
]

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
}

/** A relay in front of `target`, on a loopback port of its own. */
async function startRelay(options: Partial<RelayOptions> & { target: string }): Promise<{ url: string; server: Server }> {
  const handler = relayHandler({ routes: ROUTES, ...options })
  const server = createServer((req, res) =>
    handler(req, res, () => {
      res.writeHead(404)
      res.end('not relayed')
    }),
  )
  return { url: await listen(server), server }
}

/** A hostile upstream: it records what reaches it and answers with headers a browser must never see from the relay. */
interface Recorded {
  url?: string
  headers: IncomingHttpHeaders
  bytes: number
}
async function startUpstream(behaviour: 'answer' | 'stall' = 'answer') {
  const seen: Recorded[] = []
  const server = createServer((req, res) => {
    const record: Recorded = { url: req.url, headers: req.headers, bytes: 0 }
    seen.push(record)
    req.on('data', (chunk: Buffer) => (record.bytes += chunk.length))
    req.on('end', () => {
      if (behaviour === 'stall') return
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': 'req-1',
        date: new Date().toUTCString(),
        'set-cookie': 'session=stolen; Path=/',
        'access-control-allow-origin': '*',
        'content-security-policy': "default-src 'none'",
        'strict-transport-security': 'max-age=63072000',
        'x-frame-options': 'DENY',
        server: 'upstream/1.0',
      })
      res.end('{"ok":true}')
    })
  })
  return { seen, server, url: await listen(server) }
}

function post(url: string, headers: Record<string, string>, body: string | Uint8Array<ArrayBuffer> = '{}') {
  return fetch(url, { method: 'POST', headers, body })
}

describe('the relay and time', () => {
  it('answers 504 RelayTimeout when the upstream stalls, and the upstream connection is dropped', async () => {
    const upstream = await startUpstream('stall')
    const relay = await startRelay({ target: upstream.url, answerTimeoutMs: 300 })
    try {
      const started = Date.now()
      const response = await post(`${relay.url}/aws/lightsail/us-east-2/`, SIGNED)
      expect(response.status).toBe(504)
      expect(await response.json()).toMatchObject({ __type: 'RelayTimeout' })
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      await close(relay.server)
      await close(upstream.server)
    }
  })

  it('answers 502 RelayUnavailable when nothing listens upstream', async () => {
    const relay = await startRelay({ target: 'http://127.0.0.1:9' })
    try {
      const response = await post(`${relay.url}/aws/lightsail/us-east-2/`, SIGNED)
      expect(response.status).toBe(502)
      expect(response.headers.get('x-amzn-errortype')).toBe('RelayUnavailable')
    } finally {
      await close(relay.server)
    }
  })
})

describe('the relay paths come from the config the app is served', () => {
  it('serves the config\'s paths, and follows the file when it changes', async () => {
    const upstream = await startUpstream()
    const dir = mkdtempSync(join(tmpdir(), 'relay-config-'))
    const file = join(dir, 'config.json')
    const config = (lightsail: string, cognito?: string) =>
      JSON.stringify({
        defaultRegion: 'us-east-2',
        cognito: { region: 'us-east-2', identityPoolId: TEST_POOL, ...(cognito ? { relayPath: cognito } : {}) },
        lightsail: { mode: 'relay', relayPath: lightsail },
      })
    writeFileSync(file, config('/relay/ls', '/relay/id'))
    const relay = await startRelay({ target: upstream.url, routes: routesFromConfig(file) })
    try {
      expect((await post(`${relay.url}/relay/ls/us-east-2/`, SIGNED)).status).toBe(200)
      expect((await post(`${relay.url}/relay/id/us-east-2/`, { 'x-amz-target': 'AWSCognitoIdentityService.GetId' })).status).toBe(200)
      expect((await post(`${relay.url}/aws/lightsail/us-east-2/`, SIGNED)).status).toBe(404)

      writeFileSync(file, config('/other'))
      utimesSync(file, new Date(), new Date(Date.now() + 5000))
      expect((await post(`${relay.url}/other/us-east-2/`, SIGNED)).status).toBe(200)
      expect((await post(`${relay.url}/relay/ls/us-east-2/`, SIGNED)).status).toBe(404)
      expect((await post(`${relay.url}/relay/id/us-east-2/`, { 'x-amz-target': 'AWSCognitoIdentityService.GetId' })).status).toBe(404)
    } finally {
      await close(relay.server)
      await close(upstream.server)
    }
  })

  it('keeps the default Lightsail path when the config cannot be used, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-config-'))
    const file = join(dir, 'config.json')
    writeFileSync(file, '{"defaultRegion": ')
    expect(routesFromConfig(file)()).toEqual([{ service: LIGHTSAIL_RELAY, path: '/aws/lightsail', regions: relayRegions(LIGHTSAIL_RELAY, '') }])
    writeFileSync(file, JSON.stringify({ defaultRegion: 'us-east-2', cognito: { region: 'us-east-2', identityPoolId: TEST_POOL }, lightsail: { relayPath: '/\\evil.example' } }))
    utimesSync(file, new Date(), new Date(Date.now() + 5000))
    expect(routesFromConfig(file)()).toEqual([{ service: LIGHTSAIL_RELAY, path: '/aws/lightsail', regions: relayRegions(LIGHTSAIL_RELAY, '') }])
  })
})

describe('the relay end to end in Node: real client, real relay, real emulator', () => {
  let emulator: Emulator
  let relay: Awaited<ReturnType<typeof startRelay>>

  beforeAll(async () => {
    emulator = await startTestEmulator()
    relay = await startRelay({ target: emulator.url })
  })
  afterAll(async () => {
    await close(relay.server)
    await emulator.close()
  })

  async function relayedClient(region: string) {
    const client = new LightsailClient({ region, credentials: await guestCredentials(emulator.url), requestHandler: loopbackOnly() })
    client.middlewareStack.use(appRelayPlugin(relayUrlFor(relay.url, '/aws/lightsail', region)))
    return client
  }

  it('sends the request to the relay path, signed for the real host, and the emulator accepts it', async () => {
    const client = await relayedClient('us-east-1')
    const out = await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'mail-relay-weekly' }))
    expect(out.instanceSnapshot!.name).toBe('mail-relay-weekly')
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('re-signs and relays every retry', async () => {
    const client = await relayedClient('us-east-2')
    await admin(emulator.url, 'faults', { kind: 'throttle', count: 1 })
    const out = await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))
    expect(out.$metadata.attempts).toBe(2)
  })

  it('never reaches the emulator\'s admin API', async () => {
    const before = (await admin(emulator.url, 'counters')).body
    for (const path of ['_emulator/reset', '_emulator/', 'us-east-2/_emulator/reset']) {
      const response = await post(`${relay.url}/aws/lightsail/${path}`, { ...SIGNED, 'content-type': 'application/json' }, '{"pendingSeconds": 1}')
      expect(response.status, path).toBe(400)
    }
    expect((await admin(emulator.url, 'counters')).body).toEqual(before)
  })
})
