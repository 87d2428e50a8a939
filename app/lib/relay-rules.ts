// The relay rules, defined once. The app builds its relay URLs from them; the dev and preview relay
// (scripts/vite-relay.ts), the nginx configuration (deploy/nginx) and the CloudFormation template (deploy/aws) are
// generated from or checked against them. Pure data and functions: the browser and Node both import this file.

/** A region name as AWS spells them: us-east-2, ap-southeast-3, eu-central-1. Anchored, no other characters. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
/** The same rule as an unanchored source, for configurations that build their own expression around it. */
export const REGION_SOURCE = '[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}'

export interface RelayedService {
  /** Which AWS service the relay forwards to. */
  name: 'lightsail' | 'cognito-identity'
  /** The path prefix on the app's origin when config.json names none. */
  defaultPath: string
  /** The real host for a region: the Host header upstream, and the host the browser signs for. */
  host: (region: string) => string
  /** How a request proves it may be forwarded: a SigV4 signature, or an allowed X-Amz-Target (unsigned calls). */
  admit: { kind: 'sigv4' } | { kind: 'targets'; targets: readonly string[] }
}

export const LIGHTSAIL_RELAY: RelayedService = {
  name: 'lightsail',
  defaultPath: '/aws/lightsail',
  host: (region) => `lightsail.${region}.amazonaws.com`,
  admit: { kind: 'sigv4' },
}

export const COGNITO_RELAY: RelayedService = {
  name: 'cognito-identity',
  defaultPath: '/aws/cognito-identity',
  host: (region) => `cognito-identity.${region}.amazonaws.com`,
  // Cognito Identity's credential calls are unsigned by design; these two are all the app makes.
  admit: { kind: 'targets', targets: ['AWSCognitoIdentityService.GetId', 'AWSCognitoIdentityService.GetCredentialsForIdentity'] },
}

export const RELAY_RULES = {
  method: 'POST',
  /** Larger bodies are refused with 413 before they are read. Every request the app makes is a few hundred bytes. */
  maxBodyBytes: 64 * 1024,
  /** Request headers passed upstream: names, or prefixes ending in `*`. Everything else is dropped. */
  requestHeaders: ['authorization', 'content-type', 'content-length', 'x-amz-*', 'amz-sdk-*', 'user-agent'],
  /**
   * The same allow-list as concrete names, for relays that cannot match prefixes (nginx): every header the SDK sends
   * from a browser, each within `requestHeaders`. A header missing here that the SDK signs would break the signature,
   * which the end-to-end tests through nginx would show.
   */
  requestHeaderNames: [
    'authorization',
    'content-type',
    'user-agent',
    'x-amz-date',
    'x-amz-security-token',
    'x-amz-target',
    'x-amz-content-sha256',
    'x-amz-user-agent',
    'amz-sdk-invocation-id',
    'amz-sdk-request',
  ],
  /** Response headers passed back to the browser; `date` lets the SDK correct a skewed clock. */
  responseHeaders: ['content-type', 'content-length', 'date', 'x-amzn-*'],
  connectTimeoutMs: 10_000,
  answerTimeoutMs: 30_000,
  /** `Authorization` must be AWS Signature Version 4. */
  sigv4Authorization: /^AWS4-HMAC-SHA256 Credential=[^,\s]+, ?SignedHeaders=[^,\s]+, ?Signature=[0-9a-f]{64}$/,
} as const

/**
 * The relays' own answers, the same from every relay (dev, nginx, CloudFront): the status, the error type the app reads
 * (app/aws/error-names.ts) and, where it does not depend on the request, the message.
 */
export const RELAY_ERRORS = {
  method: { status: 405, type: 'RelayMethodNotAllowed', message: 'The relay forwards POST requests only' },
  badRegion: { status: 400, type: 'RelayBadRegion' },
  unsigned: {
    status: 403,
    type: 'RelayForbidden',
    message: 'The relay forwards only requests signed with AWS Signature Version 4 (Authorization: AWS4-HMAC-SHA256 …)',
  },
  forbidden: { status: 403, type: 'RelayForbidden' },
  tooLarge: { status: 413, type: 'RelayBodyTooLarge', message: `The relay forwards bodies of up to ${RELAY_RULES.maxBodyBytes} bytes` },
  unavailable: { status: 502, type: 'RelayUnavailable' },
  timeout: { status: 504, type: 'RelayTimeout' },
} as const

/** Whether a header name matches an allow-list of names and `prefix-*` entries. Names are compared in lower case. */
export function headerAllowed(name: string, allowList: readonly string[]): boolean {
  const lower = name.toLowerCase()
  return allowList.some((entry) => (entry.endsWith('*') ? lower.startsWith(entry.slice(0, -1)) : lower === entry))
}

/** The prefix without trailing slashes: `/aws/lightsail/` and `/aws/lightsail` are the same relay. */
export function normalizeRelayPath(path: string): string {
  return path.replace(/\/+$/, '')
}

/**
 * Why a value cannot be a path on the app's own origin, or undefined when it can. The browser's URL parser reads `\`
 * as `/` and drops tabs and newlines, so `/\evil.example` or `/\t/evil.example` would leave the origin; such values are
 * refused outright, and what is left must parse, against the origin, to the same origin and to itself.
 */
export function sameOriginPathProblem(value: string): string | undefined {
  if (/[\\]/.test(value)) return 'must not contain a backslash (browsers read it as "/")'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return 'must not contain control characters such as tabs or newlines'
  if (/\s/.test(value)) return 'must not contain whitespace'
  if (!value.startsWith('/') || value.startsWith('//')) return 'must be a path on this origin, starting with a single /'
  const base = 'https://origin.invalid'
  let url: URL
  try {
    url = new URL(value, base)
  } catch {
    return 'is not a valid path'
  }
  if (url.origin !== base) return 'must stay on this origin'
  if (url.pathname !== value) return 'must be a plain path: no "..", ".", "?", "#" or characters that need encoding'
  return undefined
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/

/** Why a URL cannot be an AWS endpoint for the browser, or undefined: https, or http on loopback only (the emulator). */
export function endpointProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'is not a URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an https: URL'
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname)) return 'must be https: (plain http: is allowed on loopback only, for the emulator)'
  if (url.username || url.password) return 'must not carry a user name or password'
  if (url.search || url.hash) return 'must not carry a query or fragment'
  return undefined
}
