// The table of relay cases (deploy/relay-cases.ts), run against the three relays: the dev relay, real nginx with the
// generated configuration, and the CloudFront distribution of the template with its function's own code
// (deploy/aws/edge.ts). Each case has one answer, and a hostile upstream behind every relay records what reaches it.
import { readFileSync, rmSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../app/config/config.ts'
import { COGNITO_RELAY, LIGHTSAIL_RELAY } from '../app/lib/relay-rules.ts'
import { relayHandler, routesFor } from '../scripts/vite-relay.ts'
import { startEdge, stackValues } from './aws/edge.ts'
import { fakeDist, startNginx, stopNginx } from './nginx/testing.ts'
import { RELAY_CASES, type RelayCase, type RelayName } from './relay-cases.ts'

const CONFIG = {
  defaultRegion: 'us-east-2',
  cognito: { region: 'us-east-2', identityPoolId: 'us-east-2:5e1c0a7b-3f2d-4c8e-9b6a-0d4f2e7c1a93', relayPath: COGNITO_RELAY.defaultPath },
  lightsail: { mode: 'relay', relayPath: LIGHTSAIL_RELAY.defaultPath },
}
/** Headers a relay adds upstream of its own accord, which the cases do not count. */
const OWN_UPSTREAM_HEADERS: Record<RelayName, string[]> = {
  dev: ['host', 'content-length', 'connection'],
  nginx: ['host', 'content-length'],
  cloudfront: ['host', 'content-length', 'connection', 'via', 'x-forwarded-for', 'x-amz-cf-id'],
}

interface Seen {
  url?: string
  headers: IncomingHttpHeaders
  raw: string[]
  bytes: number
}

/** The hostile upstream: records every request; answers as the current case says. */
async function startUpstream() {
  const seen: Seen[] = []
  let answer: RelayCase['upstream'] = {}
  const server = createServer((req, res) => {
    const record: Seen = { url: req.url, headers: req.headers, raw: req.rawHeaders, bytes: 0 }
    seen.push(record)
    req.on('data', (chunk: Buffer) => (record.bytes += chunk.length))
    req.on('end', () => {
      res.writeHead(200, { 'content-type': answer?.contentType ?? 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1', ...answer?.headers })
      res.end('{"ok":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answerWith: (next: RelayCase['upstream']) => (answer = next ?? {}),
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

interface Answer {
  status?: number
  headers: IncomingHttpHeaders
  body: string
}

/** Sends a case's request over node:http (which sends repeated and hop-by-hop headers as given). */
function send(base: string, c: RelayCase): Promise<Answer> {
  const r = c.request
  const service = r.service ?? 'lightsail'
  const prefix = service === 'lightsail' ? LIGHTSAIL_RELAY.defaultPath : COGNITO_RELAY.defaultPath
  const path = r.path ?? 'us-east-2/'
  const region = path.replace(/\/$/, '')
  const headers: OutgoingHttpHeaders = { 'content-type': 'application/x-amz-json-1.1', 'user-agent': 'aws-sdk-js/3 relay-cases' }
  const add = (name: string, value: string) => {
    const now = headers[name]
    headers[name] = now === undefined ? value : [...(Array.isArray(now) ? now : [String(now)]), value]
  }
  const authorization =
    r.authorization !== undefined
      ? r.authorization
      : service === 'lightsail'
        ? `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY123456/20261127/${region}/lightsail/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'a'.repeat(64)}`
        : null
  if (authorization !== null) add('authorization', authorization)
  const target = r.target !== undefined ? r.target : (service === 'lightsail' ? LIGHTSAIL_RELAY : COGNITO_RELAY).targets[0]!
  if (target !== null) add('x-amz-target', target)
  if (service === 'lightsail') {
    add('x-amz-date', '20261127T080000Z')
    add('x-amz-security-token', 'token')
  }
  for (const [name, value] of r.headers ?? []) add(name, value)
  const body = r.body ?? { bytes: 40 }
  if ('bytes' in body) headers['content-length'] = String(body.bytes)
  if ('declared' in body) headers['content-length'] = String(body.declared)
  if ('trickle' in body) headers['content-length'] = String(body.trickle.declared)

  return new Promise((resolve, reject) => {
    const trickle: { timer?: NodeJS.Timeout } = {}
    const req = httpRequest(`${base}${prefix}/${path}`, { method: r.method ?? 'POST', headers, agent: false })
    const guard = setTimeout(() => {
      req.destroy()
      reject(new Error('no answer and no close within 15 s'))
    }, 15_000)
    const done = (answer: Answer) => {
      clearTimeout(guard)
      clearInterval(trickle.timer)
      resolve(answer)
    }
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: text }))
      res.on('error', () => done({ status: res.statusCode, headers: res.headers, body: text }))
    })
    // A connection closed without an answer.
    req.on('error', () => done({ headers: {}, body: '' }))
    req.on('close', () => done({ headers: {}, body: '' }))
    if ('bytes' in body) return void req.end(Buffer.alloc(body.bytes, 0x20))
    if ('declared' in body) return void req.write(Buffer.alloc(body.sent, 0x20))
    if ('chunked' in body) {
      req.write(Buffer.alloc(body.chunked / 2, 0x20))
      return void req.end(Buffer.alloc(body.chunked / 2, 0x20))
    }
    let sent = 0
    req.write(' ')
    trickle.timer = setInterval(() => {
      if (++sent >= body.trickle.declared) return void req.end(' ')
      req.write(' ')
    }, body.trickle.everyMs)
  })
}

interface Relay {
  url: string
  close(): Promise<void>
}

async function startDev(upstream: string): Promise<Relay> {
  const routes = routesFor(parseConfig(CONFIG))
  const handler = relayHandler({ routes: () => routes, target: upstream })
  const server: Server = createServer((req, res) => handler(req, res, () => res.writeHead(404).end()))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

async function startNginxRelay(upstream: string): Promise<Relay> {
  const dist = fakeDist(CONFIG)
  let child: ChildProcess | undefined
  try {
    const nginx = await startNginx(upstream, dist, join(dist, 'config.json'), '/')
    child = nginx.child
    return {
      url: nginx.url,
      close: async () => {
        await stopNginx(child!)
        rmSync(dist, { recursive: true, force: true })
      },
    }
  } catch (error) {
    rmSync(dist, { recursive: true, force: true })
    throw error
  }
}

async function startCloudFront(upstream: string): Promise<Relay> {
  const template = JSON.parse(readFileSync(new URL('./aws/template.json', import.meta.url), 'utf8')) as Record<string, unknown>
  return startEdge({ template, stack: stackValues('us-east-2'), upstream })
}

const RELAYS: Record<RelayName, (upstream: string) => Promise<Relay>> = { dev: startDev, nginx: startNginxRelay, cloudfront: startCloudFront }

describe.each(Object.keys(RELAYS) as RelayName[])('the %s relay, case by case', (name) => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>
  let relay: Relay
  beforeAll(async () => {
    upstream = await startUpstream()
    relay = await RELAYS[name](upstream.url)
  }, 30_000)
  afterAll(async () => {
    await relay?.close()
    await upstream?.close()
  })

  const cases = RELAY_CASES.filter((c) => !c.notFor?.[name])
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    upstream.seen.length = 0
    upstream.answerWith(c.upstream)
    const answer = await send(relay.url, c)
    const expected = c.expect
    expect(answer.status, answer.body).toBe(expected.status)
    if (expected.type) expect((JSON.parse(answer.body) as { __type: string }).__type).toBe(expected.type)
    for (const [header, value] of Object.entries(expected.responseHeaders ?? {})) expect(answer.headers[header] ?? null, header).toBe(value)
    if (expected.upstream === 'nothing') {
      expect(upstream.seen).toEqual([])
      return
    }
    expect(upstream.seen).toHaveLength(1)
    const [seen] = upstream.seen
    const service = c.request.service ?? 'lightsail'
    expect(seen!.url).toBe('/')
    expect(seen!.headers.host).toBe((service === 'lightsail' ? LIGHTSAIL_RELAY : COGNITO_RELAY).host('us-east-2'))
    const names = [...new Set(seen!.raw.filter((_v, i) => i % 2 === 0).map((n) => n.toLowerCase()))].filter((n) => !OWN_UPSTREAM_HEADERS[name].includes(n))
    // Every header that reaches the upstream is one the relay forwards, once.
    const counts = seen!.raw.filter((_v, i) => i % 2 === 0).map((n) => n.toLowerCase()).filter((n) => n !== 'connection')
    expect(counts.length, seen!.raw.join(' | ')).toBe(new Set(counts).size)
    if (expected.upstream.headers) expect(names.sort()).toEqual([...expected.upstream.headers].sort())
    if (expected.upstream.target) expect(seen!.headers['x-amz-target']).toBe(expected.upstream.target)
    if (expected.upstream.bodyBytes !== undefined) expect(seen!.bytes).toBe(expected.upstream.bodyBytes)
  })
})

describe('the table', () => {
  it('puts every case to every relay, but where it says why not', () => {
    for (const c of RELAY_CASES) {
      for (const [relay, why] of Object.entries(c.notFor ?? {})) expect(why.split(' ').length, `${c.name}: ${relay}`).toBeGreaterThan(5)
    }
    expect(RELAY_CASES.filter((c) => c.notFor).length).toBeLessThanOrEqual(2)
  })
})
