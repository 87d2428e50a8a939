// The development and preview servers' half of the same-origin relays: POST <relayPath>/<region>/ is forwarded to
// Lightsail or Cognito Identity (the emulator by default) with Host set to the real regional host, the host the browser
// signed for. It forwards only what the rules in app/lib/relay-rules.ts allow, the same rules nginx and CloudFront
// follow in production: POST, a region in the path, a SigV4 signature (Lightsail) or an allowed target (Cognito), a
// small body, allow-listed headers both ways, and time limits.
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Connect, Plugin } from 'vite'
import { ConfigError, parseConfig } from '../app/config/config.ts'
import {
  COGNITO_RELAY,
  headerAllowed,
  LIGHTSAIL_RELAY,
  normalizeRelayPath,
  REGION_PATTERN,
  RELAY_ERRORS,
  RELAY_RULES,
  type RelayedService,
} from '../app/lib/relay-rules.ts'

export interface RelayRoute {
  service: RelayedService
  /** The path prefix on the app's origin, as config.json names it. */
  path: string
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

function upstreamUrl(target: string, host: string): URL {
  return target === 'aws' ? new URL(`https://${host}/`) : new URL('/', target)
}

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
    'cache-control': 'no-store',
    ...extra,
  })
  res.end(body)
}

/** Headers a request names in `Connection` are hop-by-hop, whatever their names: they never go upstream. */
function connectionNamed(req: IncomingMessage): Set<string> {
  const value = req.headers.connection
  return new Set((value ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean))
}

function forwardedRequestHeaders(req: IncomingMessage, host: string, length: number): OutgoingHttpHeaders {
  const named = connectionNamed(req)
  const headers: OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || named.has(name) || !headerAllowed(name, RELAY_RULES.requestHeaders)) continue
    headers[name] = value
  }
  headers['content-length'] = length
  headers.host = host
  return headers
}

function returnedResponseHeaders(answer: IncomingMessage): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { 'cache-control': 'no-store' }
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && headerAllowed(name, RELAY_RULES.responseHeaders)) headers[name] = value
  }
  return headers
}

/** Why a request may not be forwarded, as [status, type, message]; undefined when it may. */
function refusal(req: IncomingMessage, route: RelayRoute, region: string): [number, string, string] | undefined {
  const { method, badRegion, unsigned, forbidden, tooLarge } = RELAY_ERRORS
  if (req.method !== RELAY_RULES.method) return [method.status, method.type, method.message]
  if (!REGION_PATTERN.test(region)) return [badRegion.status, badRegion.type, `Not a region name: ${JSON.stringify(region.slice(0, 40))}`]
  const admit = route.service.admit
  if (admit.kind === 'sigv4') {
    const authorization = String(req.headers.authorization ?? '')
    if (!RELAY_RULES.sigv4Authorization.test(authorization)) {
      return [unsigned.status, unsigned.type, unsigned.message]
    }
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization)
    if (!scope || scope[1] !== region || scope[2] !== route.service.name) {
      return [forbidden.status, forbidden.type, `The signature is not scoped to ${route.service.name} in ${region}, the region of this path`]
    }
  } else {
    const target = String(req.headers['x-amz-target'] ?? '')
    if (!admit.targets.includes(target)) {
      return [forbidden.status, forbidden.type, `The relay forwards only these operations: ${admit.targets.join(', ')}`]
    }
  }
  const declared = req.headers['content-length']
  if (declared !== undefined && !(Number(declared) <= RELAY_RULES.maxBodyBytes)) {
    return [tooLarge.status, tooLarge.type, tooLarge.message]
  }
  return undefined
}

/** Reads the body up to the cap; undefined when it is larger (the rest is not read). */
function readCapped(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > RELAY_RULES.maxBodyBytes) {
        req.off('data', onData)
        req.pause()
        resolve(undefined)
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.once('end', () => resolve(Buffer.concat(chunks)))
    req.once('error', reject)
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
    const refused = refusal(req, route, region)
    if (refused) {
      // Whatever body was sent is not read: the connection closes after the answer.
      const [status, type, message] = refused
      return relayError(res, status, type, message, { connection: 'close', ...(status === 405 ? { allow: RELAY_RULES.method } : {}) })
    }
    void readCapped(req).then(
      (body) => {
        const { tooLarge } = RELAY_ERRORS
        if (!body) return relayError(res, tooLarge.status, tooLarge.type, tooLarge.message, { connection: 'close' })
        forward(req, res, route, region, body)
      },
      () => res.destroy(),
    )
  }

  function forward(req: IncomingMessage, res: ServerResponse, route: RelayRoute, region: string, body: Buffer): void {
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
      headers: forwardedRequestHeaders(req, host, body.length),
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
    let routes: RelayRoute[] = [{ service: LIGHTSAIL_RELAY, path: LIGHTSAIL_RELAY.defaultPath }]
    try {
      const config = parseConfig(JSON.parse(readFileSync(file, 'utf8')))
      routes = config.lightsail.mode === 'relay' ? [{ service: LIGHTSAIL_RELAY, path: config.lightsail.relayPath }] : []
      if (config.cognito.relayPath) routes.push({ service: COGNITO_RELAY, path: config.cognito.relayPath })
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
