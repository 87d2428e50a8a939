// The same-origin relay. Lightsail answers no browser CORS, so each request is signed for the real host
// (lightsail.<region>.amazonaws.com, path /) and then sent to <relayPath>/<region>/ on the app's own origin, whose web
// server forwards it unchanged with Host set back to the real host. The signature stays valid, and no server of ours
// ever holds a credential. Placed right after signing, so every retry is signed afresh and then relayed.
import type { FinalizeRequestMiddleware, Pluggable, RelativeMiddlewareOptions } from '@smithy/types'
import { normalizeRelayPath, REGION_PATTERN, sameOriginPathProblem } from '../lib/relay-rules.ts'

interface MutableRequest {
  protocol: string
  hostname: string
  port?: number
  path: string
}

function isHttpRequest(value: unknown): value is MutableRequest {
  return typeof value === 'object' && value !== null && 'hostname' in value && 'path' in value
}

export function relayMiddleware<I extends object, O extends object>(relayUrl: URL): FinalizeRequestMiddleware<I, O> {
  return (next) => (args) => {
    if (isHttpRequest(args.request)) {
      const request = args.request
      request.protocol = relayUrl.protocol
      request.hostname = relayUrl.hostname
      request.port = relayUrl.port ? Number(relayUrl.port) : undefined
      request.path = relayUrl.pathname
    }
    return next(args)
  }
}

export const relayMiddlewareOptions: RelativeMiddlewareOptions = {
  name: 'relayMiddleware',
  relation: 'after',
  toMiddleware: 'httpSigningMiddleware',
}

/**
 * `https://app.example/aws/lightsail/us-east-2/` for the relay path `/aws/lightsail` on the app's origin. Signed
 * requests and session tokens go to this URL, so it is checked here as well as in the config: it must stay on the
 * app's origin.
 */
export function relayUrlFor(origin: string, relayPath: string, region: string): URL {
  const problem = sameOriginPathProblem(relayPath)
  if (problem) throw new Error(`The relay path ${JSON.stringify(relayPath)} ${problem}`)
  if (!REGION_PATTERN.test(region)) throw new Error(`${JSON.stringify(region)} is not a region name`)
  const url = new URL(`${normalizeRelayPath(relayPath)}/${region}/`, origin)
  if (url.origin !== new URL(origin).origin) throw new Error(`The relay URL ${url.href} would leave ${origin}`)
  return url
}

export function relayPlugin<I extends object, O extends object>(relayUrl: URL): Pluggable<I, O> {
  return {
    applyToStack: (stack) => stack.addRelativeTo(relayMiddleware<I, O>(relayUrl), relayMiddlewareOptions),
  }
}
