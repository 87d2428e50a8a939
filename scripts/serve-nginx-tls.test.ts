// `npm run serve:nginx -- --tls`: HTTPS with HTTP/2 on the port, with a throwaway self-signed certificate for the
// host, made at run time and deleted with nginx's directory when it stops; no port-80 redirect server beside it.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { connect } from 'node:http2'
import { get } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nginxBinary } from '../deploy/nginx/production.ts'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe.runIf(nginxBinary())('serve:nginx --tls', () => {
  const dist = mkdtempSync(join(tmpdir(), 'snapshot-lens-tls-dist-'))
  let child: ChildProcess
  let port: number
  let prefix: string
  let output = ''

  beforeAll(async () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Snapshot Lens</title>')
    const config = {
      defaultRegion: 'us-east-2',
      cognito: { region: 'us-east-2', identityPoolId: 'us-east-2:00000000-0000-0000-0000-000000000000', relayPath: '/aws/cognito-identity' },
      lightsail: { mode: 'relay', relayPath: '/aws/lightsail' },
    }
    writeFileSync(join(dist, 'config.json'), JSON.stringify(config))
    port = await freePort()
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve-nginx.ts', '--port', String(port), '--upstream', 'http://127.0.0.1:9', '--dist', dist, '--tls'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nginx did not start in 25 s:\n${output}`)), 25_000)
      const onData = (data: Buffer) => {
        output += data.toString()
        if (output.includes('nginx ready on')) {
          clearTimeout(timer)
          resolve()
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`serve:nginx exited ${code}:\n${output}`))
      })
    })
    prefix = dirname(/configuration (\S+\/nginx\.conf)/.exec(output)![1]!)
  }, 30_000)

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dist, { recursive: true, force: true })
  })

  it('says it serves https, and listens with TLS and HTTP/2 and no port-80 redirect', () => {
    expect(output).toContain(`nginx ready on https://127.0.0.1:${port}/`)
    const conf = readFileSync(join(prefix, 'nginx.conf'), 'utf8')
    expect(conf).toContain(`listen 127.0.0.1:${port} ssl http2;`)
    expect(conf).not.toMatch(/listen 80;/)
  })

  it('answers over HTTP/2 with a certificate for the host (trusted here as its own CA), with the security headers', async () => {
    const ca = readFileSync(join(prefix, 'tls.crt'))
    const session = connect(`https://127.0.0.1:${port}`, { ca })
    try {
      const answer = await new Promise<{ status: number; hsts: unknown; body: string; alpn: string | undefined }>((resolve, reject) => {
        const stream = session.request({ ':path': '/' })
        let body = ''
        let headers: Record<string, unknown> = {}
        stream.on('response', (h) => (headers = h))
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()))
        stream.on('end', () => resolve({ status: Number(headers[':status']), hsts: headers['strict-transport-security'], body, alpn: session.alpnProtocol }))
        stream.on('error', reject)
        session.on('error', reject)
      })
      expect(answer.alpn).toBe('h2')
      expect(answer.status).toBe(200)
      expect(answer.body).toContain('<title>Snapshot Lens</title>')
      expect(answer.hsts).toMatch(/max-age=/)
    } finally {
      session.close()
    }
  })

  it('still answers HTTP/1.1 over TLS, and a client that does not trust the certificate is refused', async () => {
    const ca = readFileSync(join(prefix, 'tls.crt'))
    const status = await new Promise<number>((resolve, reject) => {
      get(`https://127.0.0.1:${port}/`, { ca }, (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      }).on('error', reject)
    })
    expect(status).toBe(200)
    const refused = await new Promise<string>((resolve) => {
      get(`https://127.0.0.1:${port}/`, (response) => {
        response.resume()
        resolve('accepted')
      }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
    })
    expect(refused).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
  })

  it('deletes the certificate and its key when nginx stops', async () => {
    expect(existsSync(join(prefix, 'tls.key'))).toBe(true)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    expect(existsSync(join(prefix, 'tls.key'))).toBe(false)
    expect(existsSync(prefix)).toBe(false)
  })
})
