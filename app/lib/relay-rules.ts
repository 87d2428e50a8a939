// The relay rules, defined once. The app builds its relay URLs from them; the dev and preview relay
// (scripts/vite-relay.ts), the nginx configuration (deploy/nginx) and the CloudFront Function (deploy/aws) are
// generated from them, and one table of cases (deploy/relay-cases.ts) is run against all three, each case with the one
// answer they must all give. Pure data and functions: the browser and Node both import this file.
import { LIGHTSAIL_TARGETS } from './lightsail-operations.ts'
import { LIGHTSAIL_REGIONS } from './regions.ts'

/** A region name as AWS spells them: us-east-2, ap-southeast-3, eu-central-1. Anchored, no other characters. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
/** The same rule as an unanchored source, for configurations that build their own expression around it. */
export const REGION_SOURCE = '[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}'

export interface RelayedService {
  /** Which AWS service the relay forwards to: also the service a signature's credential scope must name. */
  name: 'lightsail' | 'cognito-identity'
  /** The path prefix on the app's origin when config.json names none. */
  defaultPath: string
  /** The real host for a region: the Host header upstream, and the host the browser signs for. */
  host: (region: string) => string
  /** Whether a call must carry a SigV4 signature scoped to the path's region and this service (Cognito's are unsigned). */
  signed: boolean
  /** The X-Amz-Target values forwarded: the operations the app makes, and no other. */
  targets: readonly string[]
}

/** Cognito Identity's credential calls are unsigned by design; these two are all the app makes. */
export const COGNITO_TARGETS = ['AWSCognitoIdentityService.GetId', 'AWSCognitoIdentityService.GetCredentialsForIdentity'] as const

/** Where config.json's Lightsail relay is when it names none (apart, so config.ts needs nothing more of this file). */
export const LIGHTSAIL_DEFAULT_PATH = '/aws/lightsail'

export const LIGHTSAIL_RELAY: RelayedService = {
  name: 'lightsail',
  defaultPath: LIGHTSAIL_DEFAULT_PATH,
  host: (region) => `lightsail.${region}.amazonaws.com`,
  signed: true,
  targets: LIGHTSAIL_TARGETS,
}

export const COGNITO_RELAY: RelayedService = {
  name: 'cognito-identity',
  defaultPath: '/aws/cognito-identity',
  host: (region) => `cognito-identity.${region}.amazonaws.com`,
  signed: false,
  targets: COGNITO_TARGETS,
}

/**
 * The regions a relay forwards to: Lightsail's where it answers (app/lib/regions.ts), Cognito Identity's in the
 * identity pool's region only. A path naming any other region is refused as a bad region.
 */
export function relayRegions(service: RelayedService, cognitoRegion: string): readonly string[] {
  return service.signed ? Object.keys(LIGHTSAIL_REGIONS) : [cognitoRegion]
}

export const RELAY_RULES = {
  method: 'POST',
  /** Larger bodies are refused with 413 before they are read. Every request the app makes is a few hundred bytes. */
  maxBodyBytes: 64 * 1024,
  /**
   * Request headers passed upstream, besides Content-Length (the relay's own count) and Host (the regional host):
   * every header the SDK sends from a browser, and nothing else. A header the SDK signs that were missing here would
   * break the signature, which the end-to-end tests through each relay would show. CloudFront forwards Authorization
   * through its cache policy and the others through its origin request policy (10 headers at most each).
   */
  requestHeaders: [
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
  /**
   * Headers that may appear once: a second Authorization or Content-Length makes the request ambiguous (nginx refuses
   * it before any rule runs, so every relay does). Other headers sent twice are forwarded with their first value only,
   * the one the rules checked: nginx 1.22 sees no other.
   */
  singleHeaders: ['authorization', 'content-length'],
  /** Response headers passed back to the browser; `date` lets the SDK correct a skewed clock. */
  responseHeaders: ['content-type', 'content-length', 'date', 'x-amzn-*'],
  connectTimeoutMs: 10_000,
  answerTimeoutMs: 30_000,
  /**
   * The body arrives with the headers (a few hundred bytes): a pause longer than this between two of its pieces ends
   * the request, unanswered, as nginx's client_body_timeout does. Nothing is sent upstream until the body is whole.
   */
  bodyIdleTimeoutMs: 1_000,
} as const

/**
 * The order in which every relay applies its rules; the first that fails is the answer. nginx fixes the first three:
 * it refuses a repeated Authorization or Content-Length as it reads the headers, matches the path, then compares a
 * declared length with its limit, all before any rule of its own runs.
 */
export const RELAY_CHECKS = [
  'one Authorization and one Content-Length at most (400 RelayForbidden)',
  'path: <relayPath>/<region>/ with a region this relay forwards to (400 RelayBadRegion)',
  'a declared Content-Length over the limit (413 RelayBodyTooLarge), read no further',
  'the method: POST (405 RelayMethodNotAllowed)',
  'a declared Content-Length: bodies of unknown length are not read (413 RelayBodyTooLarge)',
  'Lightsail: an Authorization that is SigV4 (403 RelayForbidden), scoped to this region and service (403 RelayForbidden)',
  'X-Amz-Target: one of the operations the app makes (403 RelayForbidden)',
] as const

/**
 * An `Authorization` that is AWS Signature Version 4, parsed, not searched: each part has its own characters, so no
 * part can carry another's text (a scope inside SignedHeaders, or inside the access key id).
 * Groups: access key id, date, region, service, signed headers, signature.
 */
export const SIGV4_SOURCE =
  '^AWS4-HMAC-SHA256 Credential=([A-Za-z0-9_]+)/([0-9]{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$'

export interface SigV4Authorization {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
}

export function parseSigV4(authorization: string): SigV4Authorization | undefined {
  const m = new RegExp(SIGV4_SOURCE).exec(authorization)
  if (!m) return undefined
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[5]!.split(';') }
}

/**
 * The relays' own answers, the same from every relay (dev, nginx, CloudFront): the status, the error type the app reads
 * (app/aws/error-names.ts) and, where it does not depend on the request, the message.
 */
export const RELAY_ERRORS = {
  method: { status: 405, type: 'RelayMethodNotAllowed', message: 'The relay forwards POST requests only' },
  badRegion: { status: 400, type: 'RelayBadRegion' },
  ambiguous: { status: 400, type: 'RelayForbidden', message: 'The relay forwards requests with one Authorization and one Content-Length at most' },
  unsigned: {
    status: 403,
    type: 'RelayForbidden',
    message: 'The relay forwards only requests signed with AWS Signature Version 4 (Authorization: AWS4-HMAC-SHA256 …)',
  },
  forbidden: { status: 403, type: 'RelayForbidden' },
  tooLarge: {
    status: 413,
    type: 'RelayBodyTooLarge',
    message: `The relay forwards bodies of up to ${RELAY_RULES.maxBodyBytes} bytes, of a declared Content-Length`,
  },
  unavailable: { status: 502, type: 'RelayUnavailable' },
  timeout: { status: 504, type: 'RelayTimeout' },
} as const

/** The message of a refused target, the same from every relay: this, then the service's targets joined by ", ". */
export const TARGETS_MESSAGE = 'The relay forwards only the operations Snapshot Lens makes (X-Amz-Target): '

export function targetsMessage(service: RelayedService): string {
  return `${TARGETS_MESSAGE}${service.targets.join(', ')}`
}

/** The message of a path whose region this relay does not forward to. */
export const BAD_REGION_MESSAGE = 'The relay forwards POST <path>/<region>/ only, to a region it serves'

/** The message of a signature scoped elsewhere. */
export function scopeMessage(service: RelayedService): string {
  return `The signature is not scoped to ${service.name} in the region of this path`
}

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
