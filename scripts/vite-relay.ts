// The development and preview servers' half of the same-origin relay: POST <relayPath>/<region>/ is forwarded
// unchanged to Lightsail (the emulator by default), with Host set to lightsail.<region>.amazonaws.com, the host the
// browser signed for. nginx or CloudFront do the same in production (README, "The relay").
import { readFileSync } from 'node:fs'
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Connect, Plugin } from 'vite'
import { REGION_PATTERN } from '../app/config/config.ts'

// Hop-by-hop headers, and what the app's origin must not pass on to AWS.
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'cookie', 'host'])

export interface RelayOptions {
  /** The path prefix, as in config.json's lightsail.relayPath. */
  relayPath: string
  /** `http://127.0.0.1:4566` for the emulator, or `aws` for the real regional endpoints. */
  target: string
}

function targetFor(target: string, region: string): URL {
  return target === 'aws' ? new URL(`https://lightsail.${region}.amazonaws.com/`) : new URL('/', target)
}

function relayError(res: ServerResponse, status: number, type: string, message: string): void {
  const body = JSON.stringify({ __type: type, message })
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

export function relayHandler({ relayPath, target }: RelayOptions): Connect.NextHandleFunction {
  const prefix = relayPath.replace(/\/+$/, '') + '/'
  // Connections to Lightsail are kept open between calls: a handshake per call would add a round trip to each.
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }
  return (req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => {
    const path = (req.url ?? '').split('?')[0]!
    if (!path.startsWith(prefix)) return next()
    const region = path.slice(prefix.length).replace(/\/$/, '')
    if (!REGION_PATTERN.test(region)) return relayError(res, 400, 'RelayBadRegion', `Not a region name: ${region.slice(0, 40)}`)
    if (req.method !== 'POST') return relayError(res, 405, 'RelayMethodNotAllowed', 'The relay forwards POST requests only')

    const upstream = targetFor(target, region)
    const headers: Record<string, string | string[]> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !DROPPED.has(name)) headers[name] = value
    }
    headers.host = `lightsail.${region}.amazonaws.com`
    const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest
    const proxied = send(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method: 'POST',
        path: '/',
        headers,
        agent: upstream.protocol === 'https:' ? agents.https : agents.http,
      },
      (answer) => {
        const back: Record<string, string | string[]> = {}
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !DROPPED.has(name)) back[name] = value
        }
        res.writeHead(answer.statusCode ?? 502, back)
        answer.pipe(res)
      },
    )
    proxied.on('error', (error: NodeJS.ErrnoException) => {
      // A connection that never opened is the relay's to report; one cut midway is passed on as a cut connection.
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
        if (!res.headersSent) return relayError(res, 502, 'RelayUnavailable', `The relay could not reach ${upstream.host} (${error.code})`)
      }
      res.destroy()
    })
    req.pipe(proxied)
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

export function relayPlugin(options: RelayOptions & { configFile?: string }): Plugin {
  const install = (middlewares: Connect.Server) => {
    if (options.configFile) middlewares.use(configOverride(options.configFile))
    middlewares.use(relayHandler(options))
  }
  return {
    name: 'snapshot-lens-relay',
    configureServer: (server) => install(server.middlewares),
    configurePreviewServer: (server) => install(server.middlewares),
  }
}
