// The development and preview servers' half of the same-origin relays: POST <relayPath>/<region>/ is forwarded to
// Lightsail or Cognito Identity (the emulator by default) with Host set to the real regional host, the host the browser
// signed for. It forwards only what the rules in app/lib/relay-rules.ts allow, the same rules nginx and CloudFront
// follow in production (deploy/relay-cases.ts holds the three to the same answers): POST, a region it serves in the
// path, a SigV4 signature scoped to it (Lightsail), one of the app's own operations, a small body of declared length
// that arrives without pauses, allow-listed headers both ways, and time limits.
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Connect, Plugin } from 'vite'
import { ConfigError, parseConfig, type AppConfig } from '../app/config/config.ts'
import {
  BAD_REGION_MESSAGE,
  COGNITO_RELAY,
  headerAllowed,
  LIGHTSAIL_RELAY,
  normalizeRelayPath,
  parseSigV4,
  RELAY_ERRORS,
  RELAY_RULES,
  relayRegions,
  scopeMessage,
  targetsMessage,
  type RelayedService,
} from '../app/lib/relay-rules.ts'

export interface RelayRoute {
  service: RelayedService
  /** The path prefix on the app's origin, as config.json names it. */
  path: string
  /** The regions this route forwards to (relayRegions): any other is refused as a bad region. */
  regions: readonly string[]
}

export interface RelayOptions {
  /** Which prefixes to serve; read again from the served config when it changes (see `routesFromConfig`). */
  routes: () => RelayRoute[]
  /** `http://127.0.0.1:4566` for the emulator, or `aws` for the real regional endpoints. */
  target: string
  /** Test seams; the production values are RELAY_RULES'. */
  connectTimeoutMs?: number
  answerTimeoutMs?: number
}

/** The routes of a config: its relay paths, each with the regions it forwards to. */
export function routesFor(config: AppConfig): RelayRoute[] {
  const routes: RelayRoute[] = []
  if (config.lightsail.mode === 'relay') routes.push({ service: LIGHTSAIL_RELAY, path: config.lightsail.relayPath, regions: relayRegions(LIGHTSAIL_RELAY, config.cognito.region) })
  if (config.cognito.relayPath) routes.push({ service: COGNITO_RELAY, path: config.cognito.relayPath, regions: relayRegions(COGNITO_RELAY, config.cognito.region) })
  return routes
}

function upstreamUrl(target: string, host: string): URL {
  return target === 'aws' ? new URL(`https://${host}/`) : new URL('/', target)
}

/** Every answer of the relay is JSON that no browser may read as anything else. */
const OWN_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }

function relayError(res: ServerResponse, status: number, type: string, message: string, extra: OutgoingHttpHeaders = {}): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body = JSON.stringify({ __type: type, message })
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-errortype': type,
    'content-length': Buffer.byteLength(body),
    ...OWN_HEADERS,
    ...extra,
  })
  res.end(body)
}

/** Hop-by-hop headers (RFC 9110 7.6.1): they end at this relay, whatever else the request says. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'proxy-authenticate'])

/**
 * The request's headers as the rules see them, each with every value it was sent with: hop-by-hop headers and those
 * `Connection` names are removed first, so a header is never checked and then dropped (`Connection: authorization`
 * would otherwise pass the signature check and reach AWS unsigned).
 */
export function normalizedHeaders(req: IncomingMessage): Map<string, string[]> {
  const distinct = req.headersDistinct
  const named = new Set((distinct.connection ?? []).flatMap((value) => value.split(',')).map((name) => name.trim().toLowerCase()).filter(Boolean))
  const headers = new Map<string, string[]>()
  for (const [name, values] of Object.entries(distinct)) {
    if (values && !HOP_BY_HOP.has(name) && !named.has(name)) headers.set(name, values)
  }
  return headers
}

/** The headers sent upstream: the allow-listed ones, each with its first value (the one the rules checked). */
function forwardedRequestHeaders(headers: Map<string, string[]>, host: string, length: number): OutgoingHttpHeaders {
  const forwarded: OutgoingHttpHeaders = {}
  for (const name of RELAY_RULES.requestHeaders) {
    const value = headers.get(name)?.[0]
    if (value !== undefined) forwarded[name] = value
  }
  forwarded['content-length'] = length
  forwarded.host = host
  return forwarded
}

function returnedResponseHeaders(answer: IncomingMessage): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && headerAllowed(name, RELAY_RULES.responseHeaders)) headers[name] = value
  }
  return { ...headers, ...OWN_HEADERS }
}

type Refusal = [number, string, string]

/** Why a request may not be forwarded, in the order of RELAY_CHECKS; undefined when it may. */
function refusal(method: string, headers: Map<string, string[]>, route: RelayRoute, region: string): Refusal | undefined {
  const { method: wrongMethod, badRegion, ambiguous, unsigned, forbidden, tooLarge } = RELAY_ERRORS
  if (RELAY_RULES.singleHeaders.some((name) => (headers.get(name)?.length ?? 0) > 1)) return [ambiguous.status, ambiguous.type, ambiguous.message]
  if (!route.regions.includes(region)) return [badRegion.status, badRegion.type, BAD_REGION_MESSAGE]
  const declared = headers.get('content-length')?.[0]
  if (declared !== undefined && !(Number(declared) <= RELAY_RULES.maxBodyBytes)) return [tooLarge.status, tooLarge.type, tooLarge.message]
  if (method !== RELAY_RULES.method) return [wrongMethod.status, wrongMethod.type, wrongMethod.message]
  if (declared === undefined) return [tooLarge.status, tooLarge.type, tooLarge.message]
  if (route.service.signed) {
    const signature = parseSigV4(headers.get('authorization')?.[0] ?? '')
    if (!signature) return [unsigned.status, unsigned.type, unsigned.message]
    if (signature.region !== region || signature.service !== route.service.name) return [forbidden.status, forbidden.type, scopeMessage(route.service)]
  }
  if (!route.service.targets.includes(headers.get('x-amz-target')?.[0] ?? '')) return [forbidden.status, forbidden.type, targetsMessage(route.service)]
  return undefined
}

/**
 * Reads the body, which has declared its length (at most the cap). Undefined when it stops for longer than the idle
 * limit between two pieces: the request is then dropped unanswered, as nginx drops it.
 */
function readBody(req: IncomingMessage, idleMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let idle = setTimeout(() => resolve(undefined), idleMs)
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      clearTimeout(idle)
      idle = setTimeout(() => resolve(undefined), idleMs)
    })
    req.once('end', () => {
      clearTimeout(idle)
      resolve(Buffer.concat(chunks))
    })
    req.once('error', (error) => {
      clearTimeout(idle)
      reject(error)
    })
  })
}

export function relayHandler(options: RelayOptions): Connect.NextHandleFunction {
  const connectTimeoutMs = options.connectTimeoutMs ?? RELAY_RULES.connectTimeoutMs
  const answerTimeoutMs = options.answerTimeoutMs ?? RELAY_RULES.answerTimeoutMs
  // Connections upstream are kept open between calls: a handshake per call would add a round trip to each.
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }

  return (req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => {
    const path = (req.url ?? '').split('?')[0]!
    const route = options.routes().find((r) => path.startsWith(`${normalizeRelayPath(r.path)}/`))
    if (!route) return next()
    const rest = path.slice(normalizeRelayPath(route.path).length + 1)
    const region = rest.endsWith('/') ? rest.slice(0, -1) : rest
    const headers = normalizedHeaders(req)
    const refused = refusal(req.method ?? '', headers, route, region)
    if (refused) {
      // Whatever body was sent is not read: the connection closes after the answer.
      const [status, type, message] = refused
      return relayError(res, status, type, message, { connection: 'close', ...(status === 405 ? { allow: RELAY_RULES.method } : {}) })
    }
    void readBody(req, RELAY_RULES.bodyIdleTimeoutMs).then(
      (body) => {
        if (!body) return void req.socket.destroy()
        forward(headers, res, route, region, body)
      },
      () => res.destroy(),
    )
  }

  function forward(headers: Map<string, string[]>, res: ServerResponse, route: RelayRoute, region: string, body: Buffer): void {
    const host = route.service.host(region)
    const upstream = upstreamUrl(options.target, host)
    const secure = upstream.protocol === 'https:'
    const send = secure ? httpsRequest : httpRequest
    let settled = false
    const fail = (status: number, type: string, message: string) => {
      if (settled) return
      settled = true
      clearTimeout(answerTimer)
      proxied.destroy()
      relayError(res, status, type, message)
    }
    const proxied = send({
      protocol: upstream.protocol,
      hostname: upstream.hostname,
      port: upstream.port,
      method: 'POST',
      path: '/',
      headers: forwardedRequestHeaders(headers, host, body.length),
      agent: secure ? agents.https : agents.http,
      // TLS: Node verifies the certificate against its CA store and sends SNI for the hostname by default.
      ...(secure ? { servername: upstream.hostname } : {}),
    })
    const answerTimer = setTimeout(
      () => fail(RELAY_ERRORS.timeout.status, RELAY_ERRORS.timeout.type, `${host} did not answer within ${answerTimeoutMs / 1000} s`),
      answerTimeoutMs,
    )
    proxied.on('socket', (socket) => {
      if (!socket.connecting) return
      const connectTimer = setTimeout(
        () => fail(RELAY_ERRORS.timeout.status, RELAY_ERRORS.timeout.type, `${upstream.host} did not accept a connection within ${connectTimeoutMs / 1000} s`),
        connectTimeoutMs,
      )
      socket.once('connect', () => clearTimeout(connectTimer))
      socket.once('close', () => clearTimeout(connectTimer))
    })
    proxied.on('response', (answer) => {
      if (settled) return answer.resume()
      res.writeHead(answer.statusCode ?? 502, returnedResponseHeaders(answer))
      answer.pipe(res)
      answer.once('end', () => {
        settled = true
        clearTimeout(answerTimer)
      })
      answer.once('error', () => res.destroy())
    })
    proxied.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return
      // A connection that never opened is the relay's to report; one cut midway is passed on as a cut connection.
      if (!res.headersSent && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ECONNRESET'].includes(error.code ?? '') && !proxied.reusedSocket) {
        return fail(RELAY_ERRORS.unavailable.status, RELAY_ERRORS.unavailable.type, `The relay could not reach ${upstream.host} (${error.code})`)
      }
      settled = true
      clearTimeout(answerTimer)
      res.destroy()
    })
    res.once('close', () => {
      if (!settled) {
        settled = true
        clearTimeout(answerTimer)
        proxied.destroy()
      }
    })
    proxied.end(body)
  }
}

/**
 * The relay routes from the config the app is served (SNAPSHOT_LENS_CONFIG or public/config.json), read again when
 * the file changes, so the relay and the app always agree on the paths. A config that does not parse leaves the
 * default Lightsail route: the app shows the config error page anyway.
 */
export function routesFromConfig(file: string): () => RelayRoute[] {
  let seen: { mtimeMs: number; routes: RelayRoute[] } | undefined
  return () => {
    let mtimeMs = -1
    try {
      mtimeMs = statSync(file).mtimeMs
    } catch {
      // Missing: the defaults below.
    }
    if (seen && seen.mtimeMs === mtimeMs) return seen.routes
    let routes: RelayRoute[] = [{ service: LIGHTSAIL_RELAY, path: LIGHTSAIL_RELAY.defaultPath, regions: relayRegions(LIGHTSAIL_RELAY, '') }]
    try {
      routes = routesFor(parseConfig(JSON.parse(readFileSync(file, 'utf8'))))
    } catch (error) {
      const why = error instanceof ConfigError ? error.message : String(error)
      console.warn(`relay: ${file} cannot be used (${why}); relaying ${LIGHTSAIL_RELAY.defaultPath} only`)
    }
    seen = { mtimeMs, routes }
    return routes
  }
}

/** Serves another config file at /config.json, so one build can be pointed elsewhere without rebuilding. */
function configOverride(file: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    if ((req.url ?? '').split('?')[0] !== '/config.json') return next()
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' })
    res.end(readFileSync(file))
  }
}

export function relayPlugin({ configFile, target }: { configFile?: string; target: string }): Plugin {
  const install = (middlewares: Connect.Server, served: string) => {
    if (configFile) middlewares.use(configOverride(configFile))
    middlewares.use(relayHandler({ routes: routesFromConfig(configFile ?? served), target }))
  }
  return {
    name: 'snapshot-lens-relay',
    configureServer: (server) => install(server.middlewares, resolve(server.config.publicDir, 'config.json')),
    configurePreviewServer: (server) => install(server.middlewares, resolve(server.config.root, server.config.build.outDir, 'config.json')),
  }
}
