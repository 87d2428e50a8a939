// The runtime configuration (`/config.json`): one build serves every account. Validated by hand, so a broken file
// names the field that is wrong, and no schema library weighs on the bundle.
export interface AppConfig {
  defaultRegion: string
  /** Regions the UI offers; empty means every region the app knows. */
  regions: string[]
  cognito: {
    region: string
    identityPoolId: string
    /** Override, for the emulator or a VPC endpoint. */
    endpoint?: string
  }
  lightsail:
    | { mode: 'relay'; relayPath: string }
    | { mode: 'direct'; endpoint: string }
  pollSeconds: number
}

export class ConfigError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`)
  }
}

export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
const POOL_PATTERN = /^[\w-]+:[0-9a-f-]+$/

type Json = Record<string, unknown>

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(field, 'must be an object')
  return value as Json
}

function string(value: unknown, field: string, check?: (s: string) => string | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(field, 'must be a non-empty string')
  const problem = check?.(value)
  if (problem) throw new ConfigError(field, problem)
  return value
}

const region = (s: string) => (REGION_PATTERN.test(s) ? undefined : `"${s}" is not a region name such as us-east-2`)

function httpUrl(s: string): string | undefined {
  try {
    const url = new URL(s)
    return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : `"${s}" must be an http(s) URL`
  } catch {
    return `"${s}" is not a URL`
  }
}

export function parseConfig(raw: unknown): AppConfig {
  const root = object(raw, 'config.json')
  const cognito = object(root.cognito, 'cognito')
  const lightsail = root.lightsail === undefined ? {} : object(root.lightsail, 'lightsail')
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
  return {
    defaultRegion,
    regions: regions as string[],
    cognito: {
      region: string(cognito.region, 'cognito.region', region),
      identityPoolId: string(cognito.identityPoolId, 'cognito.identityPoolId', (s) =>
        POOL_PATTERN.test(s) ? undefined : `"${s}" is not an identity pool id such as us-east-2:1a2b3c4d-…`),
      ...(cognito.endpoint === undefined ? {} : { endpoint: string(cognito.endpoint, 'cognito.endpoint', httpUrl) }),
    },
    lightsail:
      mode === 'relay'
        ? {
            mode,
            relayPath: string(lightsail.relayPath ?? '/aws/lightsail', 'lightsail.relayPath', (s) =>
              s.startsWith('/') && !s.startsWith('//') ? undefined : 'must be a path on this origin, starting with /'),
          }
        : { mode, endpoint: string(lightsail.endpoint, 'lightsail.endpoint', httpUrl) },
    pollSeconds,
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
