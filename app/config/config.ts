// The runtime configuration (`/config.json`): one build serves every account. Validated by hand, so a broken file
// names the field that is wrong (and a misspelt one), and no schema library weighs on the bundle.
import { endpointProblem, LIGHTSAIL_DEFAULT_PATH, REGION_PATTERN, sameOriginPathProblem } from '../lib/relay-rules.ts'

export interface AppConfig {
  defaultRegion: string
  /** Regions the UI offers; empty means every region the app knows. */
  regions: string[]
  cognito: {
    region: string
    identityPoolId: string
    /** Override, for the emulator or a VPC endpoint. */
    endpoint?: string
    /** Cognito Identity through the app's own origin (`<relayPath>/<region>/`): no CORS preflight. */
    relayPath?: string
  }
  lightsail:
    | { mode: 'relay'; relayPath: string }
    | { mode: 'direct'; endpoint: string }
  pollSeconds: number
  /** Sign-in (OIDC, authorization code with PKCE). Without it, visitors are Cognito guests. */
  auth?: AuthConfig
  /**
   * Portals that may frame the app and talk to it (docs/embedding.md). Framed by any other origin, the app refuses.
   * `clientIds`: the client ids of the portals' own sign-ins, whose ID tokens a portal may hand over (besides
   * `auth.clientId`'s).
   */
  embed: { allowedOrigins: string[]; clientIds?: string[] }
  /** What snapshot storage costs (docs/configuration.md): Lightsail's published $0.05 USD per GB-month unless set. */
  pricing: Pricing
  /** The clean-up view: snapshots tagged with `protectTag` (a tag key) are never candidates. */
  cleanup: { protectTag: string }
}

export interface Pricing {
  /** Price of one GB of snapshot storage for a month, in `currency`. */
  perGbMonth: number
  /** An ISO 4217 code, such as USD or EUR. */
  currency: string
  /** Prices of regions that differ from `perGbMonth`. */
  regions: Record<string, number>
}

/** Lightsail's published price of snapshot storage. */
export const PUBLISHED_PRICING: Pricing = { perGbMonth: 0.05, currency: 'USD', regions: {} }

export interface AuthConfig {
  /** The OpenID provider: a Cognito user pool (`https://cognito-idp.<region>.amazonaws.com/<poolId>`) or any other. */
  authority: string
  clientId: string
  scopes: string
  /** Where the provider sends the browser back; the app's own page when not set. */
  redirectPath?: string
  /** The identity pool's logins key; by default the ID token's issuer without its scheme. */
  loginsKey?: string
  /** A sign-out page that is not the provider's `end_session_endpoint`, such as Cognito's `/logout?client_id=…`. */
  logoutUrl?: string
}

export class ConfigError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`)
  }
}

const POOL_PATTERN = /^[\w-]+:[0-9a-f-]+$/

type Json = Record<string, unknown>

/** An object whose keys must all be known: a misspelt field is named, with the field it probably meant. */
function object(value: unknown, field: string, known: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(field, 'must be an object')
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue
    const path = field === 'config.json' ? key : `${field}.${key}`
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2)
    throw new ConfigError(path, `is not a field Snapshot Lens knows${near ? `; did you mean "${near}"?` : '.'} Known here: ${known.join(', ')}`)
  }
  return value as Json
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length]!
}

function string(value: unknown, field: string, check?: (s: string) => string | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(field, 'must be a non-empty string')
  const problem = check?.(value)
  if (problem) throw new ConfigError(field, problem)
  return value
}

const optional = <T>(value: unknown, read: (v: unknown) => T): T | undefined => (value === undefined ? undefined : read(value))

const region = (s: string) => (REGION_PATTERN.test(s) ? undefined : `"${s}" is not a region name such as us-east-2`)
const endpoint = (s: string) => {
  const problem = endpointProblem(s)
  return problem && `"${s}" ${problem}`
}
const path = (s: string) => {
  const problem = sameOriginPathProblem(s)
  return problem && `${JSON.stringify(s)} ${problem}`
}

/** A page to send the browser to on sign-out: https (or http on loopback), a query allowed (Cognito's needs one). */
const pageUrl = (s: string) => {
  let url: URL
  try {
    url = new URL(s)
  } catch {
    return `"${s}" is not a URL`
  }
  const problem = endpointProblem(`${url.origin}${url.pathname}`)
  if (problem) return `"${s}" ${problem}`
  return url.username || url.password ? `"${s}" must not carry a user name or password` : undefined
}

/** An allowed origin is exact: a scheme, a host and a port only, https unless on loopback. */
export function originProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `"${value}" is not an origin such as https://portal.example.com`
  }
  if (url.origin !== value) return `"${value}" is not an exact origin (scheme, host and port only, no path or trailing slash)`
  // No wildcards: a pattern such as https://*.example.com is not an origin, and a message's origin is compared exactly.
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*)$/.test(url.hostname)) return `"${value}" has no plain host name (no wildcards)`
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return `"${value}" must be https (http only on loopback)`
  return undefined
}

const clientIdProblem = (s: string) => (/^[\w-]{1,128}$/.test(s) ? undefined : `"${s}" is not a client id`)

function parseEmbed(value: unknown): AppConfig['embed'] {
  const embed = object(value, 'embed', ['allowedOrigins', 'clientIds'])
  const origins = embed.allowedOrigins ?? []
  if (!Array.isArray(origins)) throw new ConfigError('embed.allowedOrigins', 'must be a list of origins')
  origins.forEach((o, i) => string(o, `embed.allowedOrigins[${i}]`, originProblem))
  if (embed.clientIds === undefined) return { allowedOrigins: origins as string[] }
  if (!Array.isArray(embed.clientIds)) throw new ConfigError('embed.clientIds', 'must be a list of client ids')
  embed.clientIds.forEach((c, i) => string(c, `embed.clientIds[${i}]`, clientIdProblem))
  return { allowedOrigins: origins as string[], clientIds: embed.clientIds as string[] }
}

const price = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !(value >= 0 && value <= 100)) throw new ConfigError(field, 'must be a price per GB-month from 0 to 100')
  return value
}

function parsePricing(value: unknown): Pricing {
  const pricing = object(value, 'pricing', ['perGbMonth', 'currency', 'regions'])
  const currency = pricing.currency === undefined ? 'USD' : string(pricing.currency, 'pricing.currency', (s) =>
    /^[A-Z]{3}$/.test(s) && (Intl.supportedValuesOf?.('currency').includes(s) ?? true) ? undefined : `"${s}" is not a currency code such as USD or EUR`)
  const regions = pricing.regions ?? {}
  if (typeof regions !== 'object' || regions === null || Array.isArray(regions)) throw new ConfigError('pricing.regions', 'must be an object of region names and prices')
  for (const [name, v] of Object.entries(regions)) {
    const problem = region(name)
    if (problem) throw new ConfigError(`pricing.regions.${name}`, problem)
    price(v, `pricing.regions.${name}`)
  }
  return { perGbMonth: pricing.perGbMonth === undefined ? PUBLISHED_PRICING.perGbMonth : price(pricing.perGbMonth, 'pricing.perGbMonth'), currency, regions: regions as Record<string, number> }
}

function parseCleanup(value: unknown): AppConfig['cleanup'] {
  const cleanup = object(value, 'cleanup', ['protectTag'])
  return { protectTag: cleanup.protectTag === undefined ? 'keep' : string(cleanup.protectTag, 'cleanup.protectTag', (s) => (s.length <= 128 ? undefined : 'must be a tag key of at most 128 characters')) }
}

function parseAuth(value: unknown): AuthConfig {
  const auth = object(value, 'auth', ['authority', 'clientId', 'scopes', 'redirectPath', 'loginsKey', 'logoutUrl'])
  const scopes = auth.scopes === undefined ? 'openid profile email' : string(auth.scopes, 'auth.scopes', (s) =>
    s.split(/\s+/).includes('openid') ? undefined : 'must include openid (the ID token is what Cognito Identity takes)')
  const redirectPath = optional(auth.redirectPath, (v) => string(v, 'auth.redirectPath', path))
  const loginsKey = optional(auth.loginsKey, (v) => string(v, 'auth.loginsKey', (s) =>
    /^[\w.:-]+(\/[\w.:-]+)*$/.test(s) ? undefined : `"${s}" is not a logins key such as cognito-idp.us-east-2.amazonaws.com/us-east-2_Ab12Cd34E (no scheme)`))
  const logoutUrl = optional(auth.logoutUrl, (v) => string(v, 'auth.logoutUrl', pageUrl))
  return {
    authority: string(auth.authority, 'auth.authority', endpoint),
    clientId: string(auth.clientId, 'auth.clientId', clientIdProblem),
    scopes,
    ...(redirectPath ? { redirectPath } : {}),
    ...(loginsKey ? { loginsKey } : {}),
    ...(logoutUrl ? { logoutUrl } : {}),
  }
}

export function parseConfig(raw: unknown): AppConfig {
  const root = object(raw, 'config.json', ['defaultRegion', 'regions', 'cognito', 'lightsail', 'pollSeconds', 'auth', 'embed', 'pricing', 'cleanup'])
  const cognito = object(root.cognito, 'cognito', ['region', 'identityPoolId', 'endpoint', 'relayPath'])
  const lightsail = root.lightsail === undefined ? {} : object(root.lightsail, 'lightsail', ['mode', 'relayPath', 'endpoint'])
  const mode = lightsail.mode ?? 'relay'
  if (mode !== 'relay' && mode !== 'direct') throw new ConfigError('lightsail.mode', 'must be "relay" or "direct"')

  const regions = root.regions === undefined ? [] : root.regions
  if (!Array.isArray(regions)) throw new ConfigError('regions', 'must be a list of region names')
  regions.forEach((r, i) => string(r, `regions[${i}]`, region))

  const defaultRegion = string(root.defaultRegion, 'defaultRegion', region)
  if (regions.length > 0 && !regions.includes(defaultRegion)) {
    throw new ConfigError('defaultRegion', `"${defaultRegion}" is not in regions`)
  }
  const pollSeconds = root.pollSeconds ?? 10
  if (typeof pollSeconds !== 'number' || !(pollSeconds >= 1 && pollSeconds <= 3600)) {
    throw new ConfigError('pollSeconds', 'must be a number of seconds from 1 to 3600')
  }
  const cognitoEndpoint = optional(cognito.endpoint, (v) => string(v, 'cognito.endpoint', endpoint))
  const cognitoRelay = optional(cognito.relayPath, (v) => string(v, 'cognito.relayPath', path))
  if (cognitoEndpoint && cognitoRelay) {
    throw new ConfigError('cognito.relayPath', 'cannot be set with cognito.endpoint: behind a relay, the web server decides where Cognito calls go')
  }
  if (mode === 'relay' && lightsail.endpoint !== undefined) {
    throw new ConfigError('lightsail.endpoint', 'is for direct mode only; in relay mode the web server decides where Lightsail calls go')
  }
  if (mode === 'direct' && lightsail.relayPath !== undefined) throw new ConfigError('lightsail.relayPath', 'is for relay mode only')
  return {
    defaultRegion,
    regions: regions as string[],
    cognito: {
      region: string(cognito.region, 'cognito.region', region),
      identityPoolId: string(cognito.identityPoolId, 'cognito.identityPoolId', (s) =>
        POOL_PATTERN.test(s) ? undefined : `"${s}" is not an identity pool id such as us-east-2:1a2b3c4d-…`),
      ...(cognitoEndpoint ? { endpoint: cognitoEndpoint } : {}),
      ...(cognitoRelay ? { relayPath: cognitoRelay } : {}),
    },
    lightsail:
      mode === 'relay'
        ? { mode, relayPath: string(lightsail.relayPath ?? LIGHTSAIL_DEFAULT_PATH, 'lightsail.relayPath', path) }
        : { mode, endpoint: string(lightsail.endpoint, 'lightsail.endpoint', endpoint) },
    pollSeconds,
    ...(root.auth === undefined ? {} : { auth: parseAuth(root.auth) }),
    embed: root.embed === undefined ? { allowedOrigins: [] } : parseEmbed(root.embed),
    pricing: root.pricing === undefined ? PUBLISHED_PRICING : parsePricing(root.pricing),
    cleanup: root.cleanup === undefined ? { protectTag: 'keep' } : parseCleanup(root.cleanup),
  }
}

/** Fetches `config.json` beside the app (so any base path works) and validates it. */
export async function loadConfig(baseUrl: string): Promise<AppConfig> {
  const url = new URL('config.json', new URL(baseUrl, window.location.href))
  let response: Response
  try {
    // No cache option here: it would miss the preloaded response. Serve config.json with Cache-Control: no-cache.
    response = await fetch(url)
  } catch {
    throw new ConfigError('config.json', `could not be fetched from ${url.pathname}: the network failed`)
  }
  if (!response.ok) throw new ConfigError('config.json', `could not be fetched from ${url.pathname}: HTTP ${response.status}`)
  let raw: unknown
  try {
    raw = await response.json()
  } catch {
    throw new ConfigError('config.json', 'is not valid JSON')
  }
  return parseConfig(raw)
}
