// The admin API changes what the emulator answers, so no web page may reach it: the hostile requests a page (or a
// DNS-rebinding site) can make are refused and change nothing.
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from './server.ts'
import { admin, startTestEmulator } from './testing.ts'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())
beforeEach(() => admin(emulator.url, 'reset', {}))

const FAULT = JSON.stringify({ kind: 'http500', rate: 1 })
const faultsSet = async () => ((await admin(emulator.url, 'counters')).body.faults as unknown[]).length

/** node:http keeps the Host header it is given; fetch would not. */
function send(method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const { port } = new URL(emulator.url)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('the admin API refuses what a web page can send', () => {
  it('a no-cors POST with a text/plain body from another origin: refused, and no fault is set', async () => {
    const answer = await send('POST', '/_emulator/faults', { origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' }, FAULT)
    expect(answer.status).toBe(403)
    expect(await faultsSet()).toBe(0)
  })

  it('a JSON POST carrying a foreign Origin, even another loopback port: refused', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:5173', 'null']) {
      const answer = await send('POST', '/_emulator/faults', { origin, 'content-type': 'application/json' }, FAULT)
      expect(answer.status, origin).toBe(403)
      expect(JSON.parse(answer.text).error).toContain('no web page')
    }
    expect(await faultsSet()).toBe(0)
  })

  it('a text/plain or form body without an Origin: refused (JSON only)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const answer = await send('POST', '/_emulator/faults', type ? { 'content-type': type } : {}, FAULT)
      expect(answer.status, type).toBe(403)
    }
    expect(await faultsSet()).toBe(0)
  })

  it('a foreign Host (a DNS-rebinding site): refused', async () => {
    for (const host of ['evil.example:4566', 'evil.example', '127.0.0.1.evil.example', 'lightsail.us-east-2.amazonaws.com']) {
      const answer = await send('POST', '/_emulator/faults', { host, 'content-type': 'application/json' }, FAULT)
      expect(answer.status, host).toBe(403)
      expect((await send('GET', '/_emulator/counters', { host })).status, host).toBe(403)
    }
    expect(await faultsSet()).toBe(0)
  })

  it('a preflight: refused, with no CORS headers', async () => {
    const answer = await send('OPTIONS', '/_emulator/faults', { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' })
    expect(answer.status).toBe(403)
    expect(answer.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('takes JSON from loopback tools, by any loopback name, and from its own origin', async () => {
    const { port } = new URL(emulator.url)
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await send('POST', '/_emulator/faults', { host, 'content-type': 'application/json' }, FAULT)).status, host).toBe(200)
    }
    expect((await send('POST', '/_emulator/faults', { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' }, FAULT)).status).toBe(200)
    expect((await send('DELETE', '/_emulator/faults', {})).status).toBe(200)
    expect(await faultsSet()).toBe(0)
  })
})
