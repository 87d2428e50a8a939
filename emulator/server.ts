// One HTTP endpoint for both services, routed by X-Amz-Target, plus the admin API under /_emulator/.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import { CognitoIdentity, type IdentityPool } from './cognito-identity.ts'
import { FaultInjector } from './faults.ts'
import { lightsailErrors, lightsailOperations } from './lightsail.ts'
import type { Account } from './model.ts'
import { verifySigV4 } from './sigv4.ts'
import { Store } from './store.ts'
import { AwsError, errors, parseJsonBody, readBody, requestId, sendError, sendJson } from './wire.ts'

export interface EmulatorOptions {
  port?: number
  host?: string
  /** Builds the account; called again on reset, with the pending time a reset may ask for. */
  account: (pendingSeconds?: number) => Account
  pools: IdentityPool[]
  latencyMs?: number
  credentialSeconds?: number
  /** Real AWS scopes guest identities down to no Lightsail access; the emulator allows it unless this is false. */
  guestLightsail?: boolean
  clock?: () => number
}

export interface Emulator {
  url: string
  server: Server
  close(): Promise<void>
}

const LIGHTSAIL_PREFIX = 'Lightsail_20161128.'
const COGNITO_PREFIX = 'AWSCognitoIdentityService.'
const COGNITO_EXPOSED = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date'

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-expose-headers': COGNITO_EXPOSED,
    vary: 'Origin',
  }
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const clock = options.clock ?? Date.now
  const store = new Store(options.account, clock)
  const cognito = new CognitoIdentity(options.pools, options.credentialSeconds ?? 3600, clock)
  const faults = new FaultInjector()
  let latencyMs = options.latencyMs ?? 0
  let calls: Record<string, number> = {}
  let callsByRegion: Record<string, Record<string, number>> = {}
  const guestLightsail = options.guestLightsail ?? true

  async function admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    let body: Record<string, unknown> = {}
    try {
      if (req.method === 'POST') body = parseJsonBody(await readBody(req))
    } catch {
      return sendJson(res, 400, { error: 'the body must be a JSON object' })
    }
    const route = `${req.method} ${path}`
    switch (route) {
      case 'GET /_emulator/health':
        return sendJson(res, 200, { ok: true })
      case 'GET /_emulator/counters':
        return sendJson(res, 200, { calls, callsByRegion, faultsInjected: faults.injected, faults: faults.list(), latencyMs })
      case 'POST /_emulator/reset': {
        const pending = body.pendingSeconds
        if (pending !== undefined && !(typeof pending === 'number' && pending > 0 && pending <= 86_400)) {
          return sendJson(res, 400, { error: 'pendingSeconds must be a number from 1 to 86400' })
        }
        store.reset(() => options.account(pending as number | undefined))
        faults.clear()
        calls = {}
        callsByRegion = {}
        latencyMs = options.latencyMs ?? 0
        return sendJson(res, 200, { reset: true })
      }
      case 'POST /_emulator/faults':
        try {
          faults.add(FaultInjector.parse(body))
        } catch (error) {
          return sendJson(res, 400, { error: (error as Error).message })
        }
        return sendJson(res, 200, { faults: faults.list() })
      case 'DELETE /_emulator/faults':
        faults.clear()
        return sendJson(res, 200, { faults: [] })
      case 'POST /_emulator/latency':
        if (typeof body.ms !== 'number' || body.ms < 0 || body.ms > 120_000) return sendJson(res, 400, { error: 'ms must be 0 to 120000' })
        latencyMs = body.ms
        return sendJson(res, 200, { latencyMs })
      case 'POST /_emulator/expire-credentials':
        return sendJson(res, 200, { expired: cognito.expireAll() })
      default:
        return sendJson(res, 404, {
          error: `no admin route ${route}`,
          routes: ['GET health', 'GET counters', 'POST reset', 'POST faults', 'DELETE faults', 'POST latency', 'POST expire-credentials'],
        })
    }
  }

  function count(key: string, region?: string): void {
    calls[key] = (calls[key] ?? 0) + 1
    if (region) {
      const r = (callsByRegion[region] ??= {})
      r[key] = (r[key] ?? 0) + 1
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!
    if (path.startsWith('/_emulator/')) return admin(req, res, path)

    const rid = requestId()
    res.setHeader('x-amzn-requestid', rid)

    if (req.method === 'OPTIONS') {
      // Preflight. Cognito Identity allows browsers; Lightsail does not, and only Lightsail's signed calls ask to send
      // `authorization`, so that is how the two are told apart on one port.
      const asked = String(req.headers['access-control-request-headers'] ?? '').toLowerCase()
      if (asked.split(',').some((h) => h.trim() === 'authorization')) {
        res.writeHead(403, { 'content-length': 0 })
        return void res.end()
      }
      res.writeHead(200, {
        ...corsHeaders(req),
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': asked || '*',
        'access-control-max-age': '600',
        'content-length': 0,
      })
      return void res.end()
    }

    const target = String(req.headers['x-amz-target'] ?? '')
    const isCognito = target.startsWith(COGNITO_PREFIX)
    const cors = isCognito ? corsHeaders(req) : {}
    const body = await readBody(req)
    try {
      if (req.method !== 'POST') throw errors.unknownOperation(target || `${req.method} ${path}`)
      if (latencyMs > 0) await delay(latencyMs)

      if (isCognito) {
        const operation = target.slice(COGNITO_PREFIX.length)
        count(`CognitoIdentity.${operation}`)
        await applyFault('cognito-identity', operation, res)
        if (res.destroyed) return
        const input = parseJsonBody(body)
        if (operation === 'GetId') return sendJson(res, 200, cognito.getId(input), cors)
        if (operation === 'GetCredentialsForIdentity') return sendJson(res, 200, cognito.getCredentialsForIdentity(input), cors)
        throw errors.unknownOperation(target)
      }

      if (target.startsWith(LIGHTSAIL_PREFIX)) {
        const operation = target.slice(LIGHTSAIL_PREFIX.length)
        const handler = lightsailOperations[operation]
        const verified = await verifySigV4(
          { method: req.method, path: req.url ?? '/', headers: req.headers, body },
          (key) => cognito.credential(key),
          clock(),
          'lightsail',
        )
        count(`Lightsail.${operation}`, verified.region)
        await applyFault('lightsail', operation, res)
        if (res.destroyed) return
        if (!handler) throw errors.unknownOperation(target)
        if (verified.credential.role === 'guest' && !guestLightsail) throw lightsailErrors.accessDenied(operation)
        return sendJson(res, 200, handler(store, verified.region, parseJsonBody(body)))
      }
      throw errors.unknownOperation(target || 'no X-Amz-Target')
    } catch (error) {
      if (res.destroyed) return
      if (error instanceof AwsError) return sendError(res, error, cors)
      console.error('emulator: unexpected error', error)
      return sendError(res, errors.internalFailure(), cors)
    }
  }

  async function applyFault(service: string, operation: string, res: ServerResponse): Promise<void> {
    const outcome = faults.next(service, operation)
    if (outcome.action === 'drop') res.socket?.destroy()
    else if (outcome.action === 'delay') await delay(outcome.ms)
    else if (outcome.action === 'error') throw outcome.error
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('emulator: request failed', error)
      if (!res.headersSent) sendError(res, errors.internalFailure())
      else res.destroy()
    })
  })
  // Keep-alive sockets would hold close() open; tests start and stop many emulators.
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4566, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
