// One HTTP endpoint for both services, routed by X-Amz-Target, plus the admin API under /_emulator/.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import { handleAdmin, type AdminRoute } from './admin.ts'
import { CognitoIdentity } from './cognito-identity.ts'
import { FaultInjector } from './faults.ts'
import { authorize, ROLES } from './iam.ts'
import { createSigningKey, mintIdToken } from './id-tokens.ts'
import { lightsailHandler } from './lightsail/routes.ts'
import type { Account } from './model.ts'
import { createOpenIdProvider, OIDC_PATH, type OpenIdProvider, type RedirectPage } from './oidc.ts'
import { CLIENT_IDS, seededPools, type IdentityPool } from './pools.ts'
import { findUser, USERS } from './users.ts'
import { regionOfHost, verifySigV4 } from './sigv4.ts'
import { SETTLE_STATES, Store } from './store.ts'
import { AwsError, errors, MAX_BODY_BYTES, parseJsonBody, readBody, requestId, sendError, sendJson, toWire } from './wire.ts'

export interface EmulatorOptions {
  port?: number
  host?: string
  /** Builds the account; called again on reset, with the pending time a reset may ask for. */
  account: (pendingSeconds?: number) => Account
  /** The identity pools, given the logins key of the emulator's own OpenID provider; the seeded ones by default. */
  pools?: (providerName: string) => IdentityPool[]
  latencyMs?: number
  credentialSeconds?: number
  /** Lifetime of the ID tokens the OpenID provider issues. */
  idTokenSeconds?: number
  /** Pages, beyond what `npm start` serves, that the provider may send each client back to (`--redirect-origin`). */
  redirectPages?: RedirectPage[]
  clock?: () => number
}

export interface Emulator {
  url: string
  /** The OpenID provider's issuer, `<url>/oidc`. */
  issuer: string
  server: Server
  close(): Promise<void>
}

const LIGHTSAIL_PREFIX = 'Lightsail_20161128.'
const COGNITO_PREFIX = 'AWSCognitoIdentityService.'
const COGNITO_EXPOSED = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date'

/**
 * The access key tools use against the emulator (the AWS CLI with `--endpoint-url`, scripts), as LocalStack's
 * convention has it: `test` / `test`, no session token, every Lightsail action, and only from this machine. The app's
 * own identities stay read-only.
 */
const TOOLS_KEY = {
  accessKeyId: 'test',
  secretAccessKey: 'test',
  expiresAt: Number.POSITIVE_INFINITY,
  identityId: 'tools',
  permissions: { role: ROLES.EmulatorTools!, scopedDownAsGuest: false },
}

export function fromLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? ''
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-expose-headers': COGNITO_EXPOSED,
    vary: 'Origin',
  }
}

/** A request addressed to a real AWS host (through a relay) must be addressed to the service its target names. */
function hostServiceProblem(req: IncomingMessage, service: string): boolean {
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
  return host.endsWith('.amazonaws.com') && regionOfHost(host, service) === undefined
}

/** Puts `value` at a dotted path of an answer (list items by index), where that path exists. */
function replaceAt(answer: unknown, path: string[], value: unknown): void {
  let at = answer as Record<string, unknown> | undefined
  for (const step of path.slice(0, -1)) at = at?.[step] as Record<string, unknown> | undefined
  if (at && typeof at === 'object' && path.at(-1)! in at) at[path.at(-1)!] = value
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const clock = options.clock ?? Date.now
  const store = new Store(options.account, clock)
  const key = await createSigningKey()
  // The provider's issuer names the port the server listens on: both are set once it listens (below).
  const identity: { oidc?: OpenIdProvider; pools: IdentityPool[] } = { pools: [] }
  const cognito = new CognitoIdentity(() => identity.pools, () => key.publicJwks, options.credentialSeconds ?? 3600, clock)
  const faults = new FaultInjector()
  let latencyMs = options.latencyMs ?? 0
  let calls: Record<string, number> = {}
  let callsByRegion: Record<string, Record<string, number>> = {}
  /** Every login token presented to Cognito Identity, for faults that refuse the tokens in use. */
  const presentedLogins = new Set<string>()

  const adminRoutes: Record<string, AdminRoute> = {
    'GET /_emulator/health': (_body, reply) => reply(200, { ok: true }),
    'GET /_emulator/counters': (_body, reply) => reply(200, { calls, callsByRegion, faultsInjected: faults.injected, faults: faults.list(), latencyMs }),
    'POST /_emulator/reset': (body, reply) => {
      const pending = body.pendingSeconds
      if (pending !== undefined && !(typeof pending === 'number' && pending > 0 && pending <= 86_400)) {
        return reply(400, { error: 'pendingSeconds must be a number from 1 to 86400' })
      }
      store.reset(() => options.account(pending as number | undefined))
      faults.clear()
      calls = {}
      callsByRegion = {}
      latencyMs = options.latencyMs ?? 0
      reply(200, { reset: true })
    },
    'POST /_emulator/faults': (body, reply) => {
      try {
        const rule = FaultInjector.parse(body)
        // "The tokens in use": those presented to Cognito so far; one renewed after this passes.
        faults.add(body.tokensInUse === true ? { ...rule, tokens: new Set(presentedLogins) } : rule)
      } catch (error) {
        return reply(400, { error: (error as Error).message })
      }
      reply(200, { faults: faults.list() })
    },
    'DELETE /_emulator/faults': (_body, reply) => {
      faults.clear()
      reply(200, { faults: [] })
    },
    'POST /_emulator/latency': (body, reply) => {
      if (typeof body.ms !== 'number' || body.ms < 0 || body.ms > 120_000) return reply(400, { error: 'ms must be 0 to 120000' })
      latencyMs = body.ms
      reply(200, { latencyMs })
    },
    // Settles a pending instance snapshot (available or error) or disk snapshot (completed or error) at once; the
    // operations that follow it end with it.
    'POST /_emulator/settle': (body, reply) => {
      const { region, name, state } = body
      if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) return reply(400, { error: 'region must be a region name such as us-east-2' })
      if (typeof name !== 'string' || name.length === 0 || name.length > 255) return reply(400, { error: 'name must be the name of a pending snapshot' })
      const states = [...new Set(Object.values(SETTLE_STATES).flat())]
      if (typeof state !== 'string' || !states.includes(state)) return reply(400, { error: `state must be one of ${states.join(', ')}` })
      const settled = store.settle(region, name, state)
      if (!settled.ok) return reply(settled.status, { error: settled.error })
      reply(200, { region, name, kind: settled.kind, state: settled.state })
    },
    'POST /_emulator/expire-credentials': (_body, reply) => reply(200, { expired: cognito.expireAll() }),
    // An ID token for a seeded user, for tests and for a portal handing its user to the app: optionally already
    // expired (a negative expiresIn) or for another audience.
    'POST /_emulator/tokens': async (body, reply) => {
      const user = typeof body.user === 'string' ? findUser(body.user) : undefined
      if (!user) return reply(400, { error: `user must be one of the seeded users: ${USERS.map((u) => u.username).join(', ')}` })
      const expiresIn = body.expiresIn ?? options.idTokenSeconds ?? 3600
      if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || Math.abs(expiresIn) > 86_400 * 30) {
        return reply(400, { error: 'expiresIn must be a whole number of seconds (negative: already expired)' })
      }
      const audience = body.audience ?? CLIENT_IDS[0]
      if (typeof audience !== 'string' || audience.length === 0 || audience.length > 200) return reply(400, { error: 'audience must be a client id' })
      reply(200, { idToken: await mintIdToken(key, identity.oidc!.issuer, user, { audience, expiresIn, now: clock() }) })
    },
  }

  function count(key: string, region?: string): void {
    calls[key] = (calls[key] ?? 0) + 1
    if (region) {
      const r = (callsByRegion[region] ??= {})
      r[key] = (r[key] ?? 0) + 1
    }
  }

  /** A browser's CORS preflight. It costs a round trip, so it pays the configured latency like any call. */
  async function preflight(req: IncomingMessage, res: ServerResponse): Promise<void> {
    count('Preflight')
    if (latencyMs > 0) await delay(latencyMs)
    // Cognito Identity allows browsers; Lightsail does not, and only Lightsail's signed calls ask to send
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
    res.end()
  }

  /** Applies a fault to a call: true when it has answered already. An `alter` fault is returned for the answer to take. */
  async function applyFault(
    service: string,
    operation: string,
    region: string | undefined,
    res: ServerResponse,
    alter?: (path: string[], value: unknown) => void,
    logins: readonly string[] = [],
  ): Promise<boolean> {
    const outcome = faults.next(service, operation, region, Math.random, logins)
    if (outcome.action === 'alter') {
      alter?.(outcome.path, outcome.value)
      return false
    }
    if (outcome.action === 'drop') {
      res.socket?.destroy()
      return true
    }
    if (outcome.action === 'delay') await delay(outcome.ms)
    if (outcome.action === 'error') throw outcome.error
    if (outcome.action === 'answer') {
      res.writeHead(200, { 'content-type': outcome.contentType, 'content-length': Buffer.byteLength(outcome.body), date: new Date().toUTCString() })
      res.end(outcome.body)
      return true
    }
    return res.destroyed
  }

  async function cognitoCall(req: IncomingMessage, res: ServerResponse, target: string, body: Buffer): Promise<void> {
    const operation = target.slice(COGNITO_PREFIX.length)
    const cors = corsHeaders(req)
    const input = parseJsonBody(body)
    const region = regionOfHost(String(req.headers.host ?? ''), 'cognito-identity') ?? String(input.IdentityPoolId ?? input.IdentityId ?? '').split(':')[0]
    count(`CognitoIdentity.${operation}`)
    const tokens = typeof input.Logins === 'object' && input.Logins !== null ? Object.values(input.Logins).filter((t): t is string => typeof t === 'string') : []
    if (await applyFault('cognito-identity', operation, region, res, undefined, tokens)) return
    for (const token of tokens) presentedLogins.add(token)
    if (operation === 'GetId') return sendJson(res, 200, await cognito.getId(input), cors)
    if (operation === 'GetCredentialsForIdentity') return sendJson(res, 200, await cognito.getCredentialsForIdentity(input), cors)
    throw errors.unknownOperation(target)
  }

  async function lightsailCall(req: IncomingMessage, res: ServerResponse, target: string, body: Buffer): Promise<void> {
    const operation = target.slice(LIGHTSAIL_PREFIX.length)
    const handler = lightsailHandler(operation)
    const verified = await verifySigV4(
      { method: req.method ?? 'POST', path: req.url ?? '/', headers: req.headers, body },
      (key) => cognito.credential(key) ?? (key === TOOLS_KEY.accessKeyId && fromLoopback(req) ? TOOLS_KEY : undefined),
      clock(),
      'lightsail',
    )
    count(`Lightsail.${operation}`, verified.region)
    let altered: { path: string[]; value: unknown } | undefined
    if (await applyFault('lightsail', operation, verified.region, res, (path, value) => (altered = { path, value }))) return
    if (!handler) throw errors.unknownOperation(target)
    // An opt-in region the account has not enabled knows none of its credentials.
    if (store.regionDisabled(verified.region)) throw errors.unrecognizedClient()
    const denied = authorize(verified.credential.permissions, operation, verified.region)
    if (denied) throw denied
    const answer = toWire(handler(store, verified.region, parseJsonBody(body)))
    if (altered) replaceAt(answer, altered.path, altered.value)
    return sendJson(res, 200, answer)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!
    if (path.startsWith('/_emulator/')) return handleAdmin(req, res, path, adminRoutes)
    if (path === OIDC_PATH || path.startsWith(`${OIDC_PATH}/`)) return identity.oidc!.handle(req, res)

    res.setHeader('x-amzn-requestid', requestId())
    if (req.method === 'OPTIONS') return preflight(req, res)

    const target = String(req.headers['x-amz-target'] ?? '')
    const isCognito = target.startsWith(COGNITO_PREFIX)
    const cors = isCognito ? corsHeaders(req) : {}
    try {
      // An oversized body is refused from its declared length, or as soon as it grows past the limit: never buffered.
      const body = await readBody(req, MAX_BODY_BYTES)
      if (req.method !== 'POST') throw errors.unknownOperation(target || `${req.method} ${path}`)
      if (latencyMs > 0) await delay(latencyMs)
      if (isCognito && !hostServiceProblem(req, 'cognito-identity')) return await cognitoCall(req, res, target, body)
      if (target.startsWith(LIGHTSAIL_PREFIX) && !hostServiceProblem(req, 'lightsail')) return await lightsailCall(req, res, target, body)
      throw errors.unknownOperation(target || 'no X-Amz-Target')
    } catch (error) {
      if (res.destroyed || res.headersSent) return
      if (error instanceof AwsError) {
        // The rest of an oversized body is not read: the connection closes after the answer.
        return sendError(res, error, error.status === 413 ? { ...cors, connection: 'close' } : cors)
      }
      console.error('emulator: unexpected error', error)
      return sendError(res, errors.internalFailure(), cors)
    }
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
  const url = `http://${host}:${address.port}`
  const oidc = createOpenIdProvider(`${url}${OIDC_PATH}`, key, { idTokenSeconds: options.idTokenSeconds, redirectPages: options.redirectPages })
  identity.oidc = oidc
  identity.pools = (options.pools ?? seededPools)(oidc.providerName)
  return {
    url,
    issuer: oidc.issuer,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
