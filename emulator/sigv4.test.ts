import { GetInstanceSnapshotCommand, LightsailClient } from '@aws-sdk/client-lightsail'
import { createHash } from 'node:crypto'
import { Sha256 } from '@aws-crypto/sha256-js'
import { request as httpRequest } from 'node:http'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from './server.ts'
import { parseAmzDate } from './sigv4.ts'
import { admin, guestCredentials, lightsailClient, loopbackOnly, startTestEmulator } from './testing.ts'

let emulator: Emulator
let port: string
beforeAll(async () => {
  emulator = await startTestEmulator()
  port = new URL(emulator.url).port
})
afterAll(() => emulator.close())

type Credentials = Awaited<ReturnType<typeof guestCredentials>>

/** Signs a GetInstanceSnapshot call by hand, so each part of it can be spoiled. */
async function signed(
  credentials: Credentials,
  options: { body?: string; signingDate?: Date; region?: string; service?: string; host?: string; unsigned?: string[]; target?: string } = {},
) {
  const body = options.body ?? JSON.stringify({ instanceSnapshotName: 'web-1-backup' })
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: Number(port),
    path: '/',
    headers: {
      host: options.host ?? `127.0.0.1:${port}`,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': options.target ?? 'Lightsail_20161128.GetInstanceSnapshot',
    },
    body,
  })
  const signer = new SignatureV4({
    credentials,
    region: options.region ?? 'us-east-2',
    service: options.service ?? 'lightsail',
    sha256: Sha256,
  })
  const out = await signer.sign(request, { signingDate: options.signingDate ?? new Date(), unsignableHeaders: new Set(options.unsigned ?? []) })
  return { headers: { ...(out.headers as Record<string, string>) }, body }
}

/** Sends over node:http, which keeps the Host header it is given (fetch would replace it). */
function raw(headers: Record<string, string>, body: string | Buffer, options: { chunked?: boolean } = {}) {
  return new Promise<{ status: number; body: Record<string, string> }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, string>) : {} }))
    })
    req.on('error', reject)
    if (options.chunked) {
      // Written in pieces without a declared length: the emulator only learns the size as it reads.
      for (let i = 0; i < 24; i++) req.write(Buffer.alloc(64 * 1024, 0x20))
      return void req.end()
    }
    req.end(body)
  })
}

async function post(headers: Record<string, string>, body: string) {
  const { host: _host, ...rest } = headers
  const response = await fetch(emulator.url, { method: 'POST', headers: rest, body })
  return { status: response.status, date: response.headers.get('date'), body: (await response.json()) as Record<string, string> }
}

describe('SigV4 verification', () => {
  it('accepts a correctly signed request', async () => {
    const { headers, body } = await signed(await guestCredentials(emulator.url))
    const answer = await post(headers, body)
    expect(answer.status).toBe(200)
    expect(answer.body).toHaveProperty('instanceSnapshot')
  })

  it('rejects a request without a signature: MissingAuthenticationTokenException', async () => {
    const answer = await post({ 'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshot' }, '{}')
    expect(answer).toMatchObject({ status: 400, body: { __type: 'MissingAuthenticationTokenException' } })
  })

  it('rejects a malformed Authorization header: IncompleteSignatureException', async () => {
    const answer = await post({ 'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshot', authorization: 'AWS4-HMAC-SHA256 Credential=x' }, '{}')
    expect(answer.body.__type).toBe('IncompleteSignatureException')
  })

  it('rejects an access key it never issued: UnrecognizedClientException', async () => {
    const { headers, body } = await signed({ accessKeyId: 'ASIAXXXXXXXXXXXXXXXX', secretAccessKey: 'x'.repeat(40), sessionToken: 'token', expiration: undefined })
    expect(await post(headers, body)).toMatchObject({ status: 400, body: { __type: 'UnrecognizedClientException' } })
  })

  it('rejects a session token that does not belong to the key: UnrecognizedClientException', async () => {
    const credentials = await guestCredentials(emulator.url)
    const { headers, body } = await signed({ ...credentials, sessionToken: 'someone-elses-token' })
    expect((await post(headers, body)).body.__type).toBe('UnrecognizedClientException')
  })

  it('rejects a wrong secret key: InvalidSignatureException', async () => {
    const credentials = await guestCredentials(emulator.url)
    const { headers, body } = await signed({ ...credentials, secretAccessKey: 'y'.repeat(40) })
    expect(await post(headers, body)).toMatchObject({ status: 400, body: { __type: 'InvalidSignatureException' } })
  })

  it('rejects a tampered body even when x-amz-content-sha256 is made to match it', async () => {
    const { headers } = await signed(await guestCredentials(emulator.url))
    const tampered = JSON.stringify({ instanceSnapshotName: 'db-primary-stuck' })
    expect((await post(headers, tampered)).body.__type).toBe('InvalidSignatureException')
    const lying = { ...headers, 'x-amz-content-sha256': createHash('sha256').update(tampered).digest('hex') }
    expect((await post(lying, tampered)).body.__type).toBe('InvalidSignatureException')
  })

  it('rejects a changed signed header', async () => {
    const { headers, body } = await signed(await guestCredentials(emulator.url))
    expect((await post({ ...headers, 'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshots' }, body)).body.__type).toBe('InvalidSignatureException')
  })

  it('checks the Host header as received: the one signed passes, any other fails', async () => {
    const { headers, body } = await signed(await guestCredentials(emulator.url), { host: 'lightsail.us-east-2.amazonaws.com' })
    const send = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { ...headers, host } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on('error', reject)
        req.end(body)
      })
    expect(await send('lightsail.us-east-2.amazonaws.com')).toBe(200)
    expect(await send(`127.0.0.1:${port}`)).toBe(400)
  })

  describe('a request as CloudFront delivers it', () => {
    // CloudFront adds headers of its own on the way to the origin: Via, X-Forwarded-For, and X-Amz-Cf-Id (an x-amz-*
    // header, unsigned, that no CloudFront Function can remove), and replaces User-Agent unless told to forward it.
    const cloudFront = { via: '2.0 d111111abcdef8.cloudfront.net (CloudFront)', 'x-forwarded-for': '203.0.113.9', 'x-amz-cf-id': 'Qx3mB0DsyKW9ko6lRkbQUptYhW9Ec3iETbaRk1x3t5n8i3w_rxc5Bw==' }

    it('verifies: the headers it did not sign play no part, as in Lightsail', async () => {
      const { headers, body } = await signed(await guestCredentials(emulator.url), { host: 'lightsail.us-east-2.amazonaws.com' })
      expect(headers.authorization).not.toMatch(/via|x-forwarded-for|x-amz-cf-id/)
      const answer = await raw({ ...headers, ...cloudFront, 'user-agent': 'Amazon CloudFront' }, body)
      expect(answer).toMatchObject({ status: 200, body: { instanceSnapshot: { name: 'web-1-backup' } } })
    })

    it('refuses one whose signed headers were altered on the way, whatever else it carries', async () => {
      const { headers, body } = await signed(await guestCredentials(emulator.url), { host: 'lightsail.us-east-2.amazonaws.com' })
      const aSecondLater = new Date(parseAmzDate(headers['x-amz-date']!)!.getTime() + 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
      const alterations: Record<string, string>[] = [{ 'content-type': 'application/json' }, { 'x-amz-date': aSecondLater }, { 'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshots' }]
      for (const altered of alterations) {
        const answer = await raw({ ...headers, ...cloudFront, ...altered }, body)
        expect(answer, Object.keys(altered)[0]).toMatchObject({ status: 400, body: { __type: 'InvalidSignatureException' } })
      }
    })

    it('refuses one that lost a header it signed (a relay that forwards too little)', async () => {
      const { headers, body } = await signed(await guestCredentials(emulator.url), { host: 'lightsail.us-east-2.amazonaws.com' })
      const { 'x-amz-security-token': _token, ...rest } = headers
      expect((await raw({ ...rest, ...cloudFront }, body)).status).toBe(400)
    })
  })

  it('rejects a signature older than five minutes with "Signature expired" and a Date header', async () => {
    const { headers, body } = await signed(await guestCredentials(emulator.url), { signingDate: new Date(Date.now() - 6 * 60_000) })
    const answer = await post(headers, body)
    expect(answer.body.__type).toBe('InvalidSignatureException')
    expect(answer.body.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/)
    expect(Math.abs(new Date(answer.date!).getTime() - Date.now())).toBeLessThan(5000)
  })

  it('lets the SDK correct a skewed clock from that Date header', async () => {
    const client = await lightsailClient(emulator.url, 'us-east-2', { systemClockOffset: -10 * 60_000 })
    const out = await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))
    expect(out.instanceSnapshot!.name).toBe('web-1-backup')
    expect(Math.abs(client.config.systemClockOffset)).toBeLessThan(60_000)
  })

  it('rejects a credential scoped to another service', async () => {
    const { headers, body } = await signed(await guestCredentials(emulator.url), { service: 'ec2' })
    expect((await post(headers, body)).body.message).toContain("scoped to correct service: 'lightsail'")
  })

  it('rejects expired credentials: ExpiredTokenException', async () => {
    const client = await lightsailClient(emulator.url)
    await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))
    await admin(emulator.url, 'expire-credentials', {})
    await expect(client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      $metadata: { httpStatusCode: 400 },
    })
  })

  it('expires credentials after their lifetime on the emulator clock', async () => {
    let now = Date.now()
    const short = await startTestEmulator({ clock: () => now, credentialSeconds: 60 })
    try {
      const credentials = await guestCredentials(short.url)
      const client = new LightsailClient({ region: 'us-east-2', endpoint: short.url, credentials, requestHandler: loopbackOnly() })
      await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))
      now += 61_000
      await expect(client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))).rejects.toMatchObject({
        name: 'ExpiredTokenException',
      })
    } finally {
      await short.close()
    }
  })

  it('rejects a signature scoped to another region than the regional host it was sent to', async () => {
    const credentials = await guestCredentials(emulator.url)
    const { headers, body } = await signed(credentials, { region: 'us-east-1', host: 'lightsail.us-east-2.amazonaws.com' })
    const answer = await raw(headers, body)
    expect(answer).toMatchObject({ status: 400, body: { __type: 'InvalidSignatureException', message: expect.stringContaining("Credential should be scoped to a valid region, not 'us-east-1'") } })
    const right = await signed(credentials, { region: 'us-east-2', host: 'lightsail.us-east-2.amazonaws.com' })
    expect((await raw(right.headers, right.body)).status).toBe(200)
  })

  it.each(['x-amz-target', 'content-type', 'x-amz-date'])('rejects a signature that leaves %s out of the signed headers', async (header) => {
    const { headers, body } = await signed(await guestCredentials(emulator.url), { unsigned: [header] })
    expect(headers.authorization).not.toContain(header)
    expect(await post(headers, body)).toMatchObject({ status: 400, body: { __type: 'InvalidSignatureException', message: `'${header}' must be a 'SignedHeader' in the AWS Authorization.` } })
  })

  it('so an operation cannot be swapped by whoever relays the request', async () => {
    const { headers, body } = await signed(await guestCredentials(emulator.url), { unsigned: ['x-amz-target'], body: '{}', target: 'Lightsail_20161128.GetRegions' })
    const swapped = await post({ ...headers, 'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshots' }, body)
    expect(swapped.body.__type).toBe('InvalidSignatureException')
  })

  it('answers a Lightsail call addressed to another service\'s host as an unknown operation', async () => {
    const { headers, body } = await signed(await guestCredentials(emulator.url), { host: 'cognito-identity.us-east-2.amazonaws.com' })
    expect(await raw(headers, body)).toMatchObject({ status: 400, body: { __type: 'UnknownOperationException' } })
  })

  it('answers 413 to a body over the limit, declared or chunked, without reading it whole', async () => {
    const { headers } = await signed(await guestCredentials(emulator.url))
    const declared = await raw({ ...headers, 'content-length': String(2 * 1024 * 1024) }, Buffer.alloc(2 * 1024 * 1024))
    expect(declared).toMatchObject({ status: 413, body: { __type: 'RequestEntityTooLargeException' } })
    const { 'content-length': _length, ...unsized } = headers
    const chunked = await raw(unsized, '', { chunked: true })
    expect(chunked).toMatchObject({ status: 413, body: { __type: 'RequestEntityTooLargeException' } })
  })

  it('takes the region from the credential scope', async () => {
    const credentials = await guestCredentials(emulator.url)
    const { headers, body } = await signed(credentials, { region: 'us-east-1', body: JSON.stringify({ instanceSnapshotName: 'mail-relay-weekly' }) })
    expect((await post(headers, body)).status).toBe(200)
  })
})

describe('parseAmzDate', () => {
  it('reads YYYYMMDDTHHMMSSZ and nothing else', () => {
    expect(parseAmzDate('20261127T021500Z')?.toISOString()).toBe('2026-11-27T02:15:00.000Z')
    for (const bad of ['2026-11-27T02:15:00Z', '20261327T021500Z', '20261127T021561Z', '20261127T0215Z', 'Fri, 27 Nov 2026 02:15:00 GMT', '']) {
      expect(parseAmzDate(bad)).toBeUndefined()
    }
  })
})
