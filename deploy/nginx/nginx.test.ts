// The generated nginx configuration, run by real nginx (`npm run serve:nginx`) on loopback: the site's headers on the
// relays' answers, the real SDK through it to the emulator, the security headers and caching on every kind of file,
// and the committed deploy/nginx/snapshot-lens.conf kept in step with its sources. Every relay rule against hostile
// requests is in the table of relay cases (deploy/relay-cases.test.ts), which nginx answers as the others do.
import { spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetInstanceSnapshotCommand, LightsailClient } from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { relayPlugin, relayUrlFor } from '../../app/aws/relay.ts'
import { parseConfig } from '../../app/config/config.ts'
import type { Emulator } from '../../emulator/server.ts'
import { guestCredentials, loopbackOnly, startTestEmulator } from '../../emulator/testing.ts'
import { CACHING, ROBOTS_TXT, securityHeaders } from '../headers.ts'
import { nginxBinary, productionOptions } from './production.ts'
import { renderMain, renderServer } from './render.ts'
import { fakeDist, startNginx, stopNginx as stop } from './testing.ts'

const NGINX_BINARY = nginxBinary() ?? 'nginx'
const SIGNED = () => ({
  authorization: `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261127/us-east-2/lightsail/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'a'.repeat(64)}`,
  'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshot',
})
const CONFIG = {
  defaultRegion: 'us-east-2',
  cognito: { region: 'us-east-2', identityPoolId: 'us-east-2:5e1c0a7b-3f2d-4c8e-9b6a-0d4f2e7c1a93', relayPath: '/aws/cognito-identity' },
  lightsail: { mode: 'relay', relayPath: '/aws/lightsail' },
  auth: { authority: 'http://127.0.0.1:4566/oidc', clientId: 'snapshot-lens' },
  embed: { allowedOrigins: ['https://portal.example.com'] },
}

interface Recorded {
  url?: string
  method?: string
  headers: IncomingHttpHeaders
  body: string
}

/** A hostile upstream: it records what reaches it and answers with headers a browser must never get from the relay. */
async function startUpstream() {
  const seen: Recorded[] = []
  const server = createServer((req, res) => {
    const record: Recorded = { url: req.url, method: req.method, headers: req.headers, body: '' }
    seen.push(record)
    req.on('data', (chunk: Buffer) => (record.body += chunk.toString()))
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': 'req-1',
        'set-cookie': 'session=stolen; Path=/',
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        'content-security-policy': "default-src *",
        'strict-transport-security': 'max-age=0',
        'x-frame-options': 'ALLOWALL',
        location: 'https://evil.example/',
        'cache-control': 'public, max-age=31536000',
      })
      res.end('{"ok":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server }
}

const post = (url: string, headers: Record<string, string>, body = '{}') => fetch(url, { method: 'POST', headers, body })

describe('nginx, generated from the relay rules', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>
  let nginx: { url: string; child: ChildProcess }
  let dist: string
  beforeAll(async () => {
    dist = fakeDist(CONFIG)
    upstream = await startUpstream()
    nginx = await startNginx(upstream.url, dist, join(dist, 'config.json'))
  }, 30_000)
  afterAll(async () => {
    await stop(nginx.child)
    upstream.server.closeAllConnections()
    await new Promise((resolve) => upstream.server.close(resolve))
    rmSync(dist, { recursive: true, force: true })
  })
  beforeEach(() => {
    upstream.seen.length = 0
  })
  const lightsail = (region = 'us-east-2') => `${nginx.url}/aws/lightsail/${region}/`
  const expected = securityHeaders(parseConfig(CONFIG))

  it('returns only the upstream\'s allowed headers, with its own security headers', async () => {
    const response = await post(lightsail(), { ...SIGNED(), 'content-type': 'application/x-amz-json-1.1' })
    expect(await response.text()).toBe('{"ok":true}')
    expect(response.headers.get('x-amzn-requestid')).toBe('req-1')
    for (const name of ['set-cookie', 'access-control-allow-origin', 'access-control-allow-credentials', 'location', 'x-frame-options']) {
      expect(response.headers.get(name), name).toBeNull()
    }
    expect(response.headers.get('content-security-policy')).toBe(expected['Content-Security-Policy'])
    expect(response.headers.get('strict-transport-security')).toBe(expected['Strict-Transport-Security'])
    expect(response.headers.get('cache-control')).toBe(CACHING.relay)
  })

  it('answers its refusals with the site\'s own headers, and sends nothing upstream', async () => {
    for (const init of [{ method: 'GET' }, { method: 'POST', body: '{}' }, { method: 'POST', body: '{}', headers: { ...SIGNED(), 'x-amz-target': 'Lightsail_20161128.DeleteInstance' } }]) {
      const response = await fetch(lightsail(), init)
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1')
      for (const [name, value] of Object.entries(expected)) expect(response.headers.get(name), name).toBe(value)
      expect(response.headers.get('cache-control')).toBe(CACHING.relay)
    }
    expect(upstream.seen).toEqual([])
  })

  it('a path that climbs out of the relay is not the relay: nginx resolves the dots first, and serves nothing', async () => {
    const response = await post(`${nginx.url}/aws/lightsail/..%2f..%2fetc/passwd`, SIGNED())
    expect(response.status).toBe(404)
    expect(upstream.seen).toEqual([])
  })

  it('serves index.html, config.json and embed.js revalidated, hashed assets immutable, and no source maps', async () => {
    for (const path of ['/lightsail/', '/lightsail/index.html', '/lightsail/config.json', '/lightsail/embed.js']) {
      const response = await fetch(`${nginx.url}${path}`)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('cache-control'), path).toBe(CACHING.revalidate)
      for (const [name, value] of Object.entries(expected)) expect(response.headers.get(name), `${path} ${name}`).toBe(value)
    }
    expect((await fetch(`${nginx.url}/lightsail/embed.js`)).headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    const asset = await fetch(`${nginx.url}/lightsail/assets/index-AbCd1234.js`, { headers: { 'accept-encoding': 'gzip' } })
    expect(asset.headers.get('cache-control')).toBe(CACHING.hashed)
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    expect(asset.headers.get('content-encoding')).toBe('gzip')
    expect((await fetch(`${nginx.url}/lightsail/assets/index-AbCd1234.js.map`)).status).toBe(404)
    const robots = await fetch(`${nginx.url}/robots.txt`)
    expect(await robots.text()).toBe(ROBOTS_TXT)
    // The build's own robots.txt (for hosts that serve dist/ as it is) says the same.
    expect(readFileSync(new URL('../../public/robots.txt', import.meta.url), 'utf8')).toBe(ROBOTS_TXT)
    expect((await fetch(`${nginx.url}/lightsail/nothing-here`)).status).toBe(404)
  })
})

describe('nginx in front of the emulator', () => {
  let emulator: Emulator
  let nginx: { url: string; child: ChildProcess }
  let dist: string
  beforeAll(async () => {
    emulator = await startTestEmulator()
    dist = fakeDist(CONFIG)
    nginx = await startNginx(emulator.url, dist, join(dist, 'config.json'))
  }, 30_000)
  afterAll(async () => {
    await stop(nginx.child)
    await emulator.close()
    rmSync(dist, { recursive: true, force: true })
  })

  it('passes the real SDK\'s signed requests through intact: the emulator checks the signature and answers', async () => {
    const client = new LightsailClient({ region: 'us-east-2', credentials: await guestCredentials(emulator.url), requestHandler: loopbackOnly() })
    client.middlewareStack.use(relayPlugin(relayUrlFor(nginx.url, '/aws/lightsail', 'us-east-2')))
    const answer = await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))
    expect(answer.instanceSnapshot?.name).toBe('web-1-backup')
  })
})

describe('deploy/nginx/snapshot-lens.conf', () => {
  it('is what its sources generate today (npm run nginx:config)', () => {
    const committed = readFileSync(new URL('./snapshot-lens.conf', import.meta.url), 'utf8')
    expect(committed).toBe(renderServer(productionOptions()))
  })

  it('is accepted by nginx as it stands (TLS with a throwaway certificate)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapshot-lens-tls-'))
    try {
      const certificate = join(dir, 'cert.pem')
      const key = join(dir, 'key.pem')
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=lens.example.com', '-keyout', key, '-out', certificate], { encoding: 'utf8' })
      expect(made.status, made.stderr).toBe(0)
      const conf = join(dir, 'nginx.conf')
      writeFileSync(conf, renderMain({ ...productionOptions({ certificate, key }), root: dir }, dir))
      const checked = spawnSync(NGINX_BINARY, ['-t', '-p', dir, '-c', conf], { encoding: 'utf8' })
      expect(checked.status, checked.stderr).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
