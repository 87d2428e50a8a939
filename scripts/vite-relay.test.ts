// The dev and preview relay against hostile requests and hostile upstreams. Each rule of app/lib/relay-rules.ts has a
// case: what is refused is refused before anything goes upstream, and only allow-listed headers cross either way.
// The real path runs too: the app's relay middleware on a real LightsailClient, through this relay, to the emulator.
import { mkdtempSync, writeFileSync, utimesSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetInstanceSnapshotCommand, LightsailClient } from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { relayPlugin as appRelayPlugin, relayUrlFor } from '../app/aws/relay.ts'
import { COGNITO_RELAY, LIGHTSAIL_RELAY, RELAY_RULES } from '../app/lib/relay-rules.ts'
import type { Emulator } from '../emulator/server.ts'
import { admin, guestCredentials, loopbackOnly, startTestEmulator, TEST_POOL } from '../emulator/testing.ts'
import { relayHandler, routesFromConfig, type RelayOptions } from './vite-relay.ts'

const SIGNED = 'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261127/us-east-2/lightsail/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' + 'a'.repeat(64)
const ROUTES = () => [
  { service: LIGHTSAIL_RELAY, path: '/aws/lightsail' },
  { service: COGNITO_RELAY, path: '/aws/cognito-identity' },
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

/** A POST through node:http, which sends any header it is given. Resolves with the status once the answer ends. */
function rawPost(url: string, headers: Record<string, string>, body = '{}'): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } })
    req.on('response', (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode))
    })
    req.on('error', reject)
    req.end(body)
  })
}

function post(url: string, headers: Record<string, string>, body: string | Uint8Array<ArrayBuffer> = '{}') {
  return fetch(url, { method: 'POST', headers, body })
}

describe('the relay, against a recording upstream', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>
  let relay: Awaited<ReturnType<typeof startRelay>>

  beforeAll(async () => {
    upstream = await startUpstream()
    relay = await startRelay({ target: upstream.url })
  })
  afterAll(async () => {
    await close(relay.server)
    await close(upstream.server)
  })
  beforeEach(() => {
    upstream.seen.length = 0
  })

  it('forwards a signed POST to / with Host set to the regional Lightsail host', async () => {
    const response = await post(`${relay.url}/aws/lightsail/us-east-2/`, { authorization: SIGNED, 'content-type': 'application/x-amz-json-1.1' })
    expect(response.status).toBe(200)
    expect(upstream.seen).toHaveLength(1)
    expect(upstream.seen[0]!.url).toBe('/')
    expect(upstream.seen[0]!.headers.host).toBe('lightsail.us-east-2.amazonaws.com')
  })

  it('refuses a request without a SigV4 Authorization, sending nothing upstream', async () => {
    for (const authorization of [undefined, 'Basic dXNlcjpwYXNz', 'Bearer abc', 'AWS4-HMAC-SHA256 Credential=x']) {
      const response = await post(`${relay.url}/aws/lightsail/us-east-2/`, authorization ? { authorization } : {})
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ __type: 'RelayForbidden', message: expect.stringContaining('Signature Version 4') })
    }
    expect(upstream.seen).toHaveLength(0)
  })

  it('refuses a signature scoped to another region or service than the path', async () => {
    const otherRegion = SIGNED.replace('/us-east-2/', '/eu-west-1/')
    const otherService = SIGNED.replace('/lightsail/', '/s3/')
    for (const authorization of [otherRegion, otherService]) {
      const response = await post(`${relay.url}/aws/lightsail/us-east-2/`, { authorization })
      expect(response.status).toBe(403)
    }
    expect(upstream.seen).toHaveLength(0)
  })

  it('refuses methods other than POST and paths that are not a region', async () => {
    const get = await fetch(`${relay.url}/aws/lightsail/us-east-2/`, { headers: { authorization: SIGNED } })
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    for (const path of ['evil.example.com/', 'us-east-2/extra/', '..%2F..%2F/', 'US-EAST-2/']) {
      const response = await post(`${relay.url}/aws/lightsail/${path}`, { authorization: SIGNED })
      expect(response.status, path).toBe(400)
      expect(await response.json()).toMatchObject({ __type: 'RelayBadRegion' })
    }
    expect(upstream.seen).toHaveLength(0)
  })

  it('answers 413 to a body declared over 64 KiB without reading it (a 1000 MiB upload is not streamed)', async () => {
    const answer = await new Promise<{ status?: number; type?: string }>((resolve, reject) => {
      const req = httpRequest(`${relay.url}/aws/lightsail/us-east-2/`, {
        method: 'POST',
        headers: { authorization: SIGNED, 'content-length': String(1000 * 1024 * 1024) },
      })
      req.on('response', (res) => resolve({ status: res.statusCode, type: String(res.headers['x-amzn-errortype']) }))
      req.on('error', reject)
      req.write(Buffer.alloc(1024))
      // Nothing more is sent: the answer must come without the rest of the body.
    })
    expect(answer).toEqual({ status: 413, type: 'RelayBodyTooLarge' })
    expect(upstream.seen).toHaveLength(0)
  })

  it('answers 413 to a chunked body that grows past 64 KiB, and forwards one at the limit', async () => {
    const stream = (size: number) =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array(size))
          controller.close()
        },
      })
    const over = await fetch(`${relay.url}/aws/lightsail/us-east-2/`, {
      method: 'POST',
      headers: { authorization: SIGNED },
      body: stream(RELAY_RULES.maxBodyBytes + 1),
      duplex: 'half',
    } as RequestInit)
    expect(over.status).toBe(413)
    expect(upstream.seen).toHaveLength(0)
    const at = await post(`${relay.url}/aws/lightsail/us-east-2/`, { authorization: SIGNED }, new Uint8Array(RELAY_RULES.maxBodyBytes))
    expect(at.status).toBe(200)
    expect(upstream.seen[0]!.bytes).toBe(RELAY_RULES.maxBodyBytes)
  })

  it('passes only allow-listed request headers upstream, and none that Connection names', async () => {
    // node:http, not fetch: fetch will not send a Connection header of the caller's choosing.
    await rawPost(`${relay.url}/aws/lightsail/us-east-2/`, {
      authorization: SIGNED,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshot',
      'x-amz-date': '20261127T080000Z',
      'x-amz-security-token': 'token',
      'amz-sdk-invocation-id': 'abc',
      'user-agent': 'aws-sdk-js/3',
      cookie: 'session=secret',
      'proxy-authorization': 'Basic c2VjcmV0',
      te: 'trailers',
      'x-forwarded-for': '203.0.113.9',
      origin: 'https://evil.example',
      referer: 'https://evil.example/page',
      connection: 'x-amz-meta-hop',
      'x-amz-meta-hop': 'hop-by-hop',
    })
    // `connection: keep-alive` is the relay's own hop-by-hop header to its upstream.
    const headers = upstream.seen[0]!.headers
    expect(Object.keys(headers).filter((name) => name !== 'connection').sort()).toEqual(
      ['amz-sdk-invocation-id', 'authorization', 'content-length', 'content-type', 'host', 'user-agent', 'x-amz-date', 'x-amz-security-token', 'x-amz-target'].sort(),
    )
  })

  it('returns only allow-listed response headers: no cookies, no CORS, no upstream security headers', async () => {
    const response = await post(`${relay.url}/aws/lightsail/us-east-2/`, { authorization: SIGNED })
    expect(response.status).toBe(200)
    const names = [...response.headers.keys()]
    for (const name of ['set-cookie', 'access-control-allow-origin', 'content-security-policy', 'strict-transport-security', 'x-frame-options', 'server']) {
      expect(names, name).not.toContain(name)
    }
    expect(response.headers.get('x-amzn-requestid')).toBe('req-1')
    expect(response.headers.get('date')).toBeTruthy()
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    expect(await response.json()).toEqual({ ok: true })
  })

  it('relays only the two Cognito Identity operations the app uses, unsigned', async () => {
    const cognito = (target: string) => post(`${relay.url}/aws/cognito-identity/us-east-2/`, { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' })
    expect((await cognito('AWSCognitoIdentityService.GetId')).status).toBe(200)
    expect((await cognito('AWSCognitoIdentityService.GetCredentialsForIdentity')).status).toBe(200)
    expect(upstream.seen.map((r) => r.headers.host)).toEqual(['cognito-identity.us-east-2.amazonaws.com', 'cognito-identity.us-east-2.amazonaws.com'])
    for (const target of ['AWSCognitoIdentityService.ListIdentityPools', 'AWSCognitoIdentityService.DeleteIdentityPool', 'Lightsail_20161128.GetInstanceSnapshot', '']) {
      const response = await cognito(target)
      expect(response.status, target).toBe(403)
    }
    expect(upstream.seen).toHaveLength(2)
  })
})

describe('the relay and time', () => {
  it('answers 504 RelayTimeout when the upstream stalls, and the upstream connection is dropped', async () => {
    const upstream = await startUpstream('stall')
    const relay = await startRelay({ target: upstream.url, answerTimeoutMs: 300 })
    try {
      const started = Date.now()
      const response = await post(`${relay.url}/aws/lightsail/us-east-2/`, { authorization: SIGNED })
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
      const response = await post(`${relay.url}/aws/lightsail/us-east-2/`, { authorization: SIGNED })
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
      expect((await post(`${relay.url}/relay/ls/us-east-2/`, { authorization: SIGNED })).status).toBe(200)
      expect((await post(`${relay.url}/relay/id/us-east-2/`, { 'x-amz-target': 'AWSCognitoIdentityService.GetId' })).status).toBe(200)
      expect((await post(`${relay.url}/aws/lightsail/us-east-2/`, { authorization: SIGNED })).status).toBe(404)

      writeFileSync(file, config('/other'))
      utimesSync(file, new Date(), new Date(Date.now() + 5000))
      expect((await post(`${relay.url}/other/us-east-2/`, { authorization: SIGNED })).status).toBe(200)
      expect((await post(`${relay.url}/relay/ls/us-east-2/`, { authorization: SIGNED })).status).toBe(404)
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
    expect(routesFromConfig(file)()).toEqual([{ service: LIGHTSAIL_RELAY, path: '/aws/lightsail' }])
    writeFileSync(file, JSON.stringify({ defaultRegion: 'us-east-2', cognito: { region: 'us-east-2', identityPoolId: TEST_POOL }, lightsail: { relayPath: '/\\evil.example' } }))
    utimesSync(file, new Date(), new Date(Date.now() + 5000))
    expect(routesFromConfig(file)()).toEqual([{ service: LIGHTSAIL_RELAY, path: '/aws/lightsail' }])
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
      const response = await post(`${relay.url}/aws/lightsail/${path}`, { authorization: SIGNED, 'content-type': 'application/json' }, '{"pendingSeconds": 1}')
      expect(response.status, path).toBe(400)
    }
    expect((await admin(emulator.url, 'counters')).body).toEqual(before)
  })
})
