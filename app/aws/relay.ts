// The same-origin relay. Lightsail answers no browser CORS, so each request is signed for the real host
// (lightsail.<region>.amazonaws.com, path /) and then sent to <relayPath>/<region>/ on the app's own origin, whose web
// server forwards it unchanged with Host set back to the real host. The signature stays valid, and no server of ours
// ever holds a credential. Placed right after signing, so every retry is signed afresh and then relayed.
import type { FinalizeRequestMiddleware, Pluggable, RelativeMiddlewareOptions } from '@smithy/types'

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

/** `https://app.example/aws/lightsail/us-east-2/` for the relay path `/aws/lightsail` on the app's origin. */
export function relayUrlFor(origin: string, relayPath: string, region: string): URL {
  return new URL(`${relayPath.replace(/\/+$/, '')}/${encodeURIComponent(region)}/`, origin)
}

export function relayPlugin<I extends object, O extends object>(relayUrl: URL): Pluggable<I, O> {
  return {
    applyToStack: (stack) => stack.addRelativeTo(relayMiddleware<I, O>(relayUrl), relayMiddlewareOptions),
  }
}
