// The embedding protocol between Snapshot Lens in a frame and the portal around it (docs/embedding.md). Pure: every
// message that crosses the frame's edge is checked here, and anything that is not exactly one of the documented
// messages, from the parent window of an allowed origin, is ignored and counted by why.
import { nameProblem } from '../lib/names.ts'
import { LIGHTSAIL_REGIONS } from '../lib/regions.ts'
import { parseView, type ViewState } from '../lib/url.ts'

export const PROTOCOL = 'snapshot-lens'
export const VERSION = 1
export const VERSIONS = [VERSION] as const

export interface Envelope<T extends string = string, P = unknown> {
  protocol: typeof PROTOCOL
  version: number
  type: T
  id?: string
  payload?: P
}

/** What the app tells the portal. */
export interface OutgoingPayloads {
  ready: { versions: readonly number[]; view: ViewReport }
  resize: { height: number }
  view: ViewReport
  'token-request': { reason: TokenRequestReason }
  error: { kind: string; message: string }
}

export interface ViewReport {
  region?: string
  snapshot?: string
  /** The standalone link to what the frame shows: the same view, outside the portal. */
  url: string
}

export type TokenRequestReason = 'missing' | 'expiring' | 'rejected'

/** What the portal may tell the app, once checked. */
export type Incoming =
  | { type: 'token'; id?: string; idToken: string }
  | { type: 'navigate'; id?: string; view: ViewState }
  | { type: 'theme'; id?: string; mode: ThemeMode; tokens: Record<string, string> }

export type ThemeMode = 'light' | 'dark' | 'system'

/** Why a message was ignored: the diagnostics panel counts each. */
export type IgnoredReason = 'origin' | 'source' | 'envelope' | 'version' | 'type' | 'payload'

export type Checked = { ok: true; message: Incoming } | { ok: false; reason: IgnoredReason; detail: string }

export function envelope<T extends keyof OutgoingPayloads>(type: T, payload: OutgoingPayloads[T], id?: string): Envelope<T, OutgoingPayloads[T]> {
  return { protocol: PROTOCOL, version: VERSION, type, ...(id === undefined ? {} : { id }), payload }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype

const ignored = (reason: IgnoredReason, detail: string): Checked => ({ ok: false, reason, detail })

/**
 * The theme tokens a portal may set, each with the CSS property its value must be valid for. Only these custom
 * properties are ever written, and only with values the browser accepts for that property.
 */
export const THEME_TOKENS: Readonly<Record<string, string>> = {
  '--sl-bg': 'color',
  '--sl-fg': 'color',
  '--sl-muted': 'color',
  '--sl-card': 'color',
  '--sl-border': 'color',
  '--sl-accent': 'color',
  '--sl-accent-fg': 'color',
  '--sl-focus': 'color',
  '--sl-ok': 'color',
  '--sl-ok-bg': 'color',
  '--sl-pending': 'color',
  '--sl-pending-bg': 'color',
  '--sl-error': 'color',
  '--sl-error-bg': 'color',
  '--sl-unknown-bg': 'color',
  '--sl-skeleton': 'color',
  '--sl-radius': 'border-radius',
  '--sl-gap': 'gap',
  '--sl-font': 'font-family',
  '--sl-mono': 'font-family',
}

/** `CSS.supports(property, value)` in the browser. */
export type Supports = (property: string, value: string) => boolean

/** The inventory's filters and the view's place: what `navigate` may carry. Parameters, never a URL. */
const NAVIGATE_KEYS = ['region', 'snapshot', 'q', 'state', 'origin', 'instance', 'tag', 'olderThan', 'sort', 'group'] as const

const MAX_TOKEN_LENGTH = 16_384
const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/

function checkToken(payload: Record<string, unknown>): string | { idToken: string } {
  const keys = Object.keys(payload)
  if (keys.some((k) => k !== 'idToken')) return `unknown field ${JSON.stringify(keys.find((k) => k !== 'idToken'))}`
  const { idToken } = payload
  if (typeof idToken !== 'string' || idToken.length > MAX_TOKEN_LENGTH || !JWT.test(idToken)) return 'idToken is not a JWT'
  return { idToken }
}

function checkNavigate(payload: Record<string, unknown>): string | { view: ViewState } {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(payload)) {
    if (!(NAVIGATE_KEYS as readonly string[]).includes(key)) return `unknown field ${JSON.stringify(key)}`
    if (value === undefined || value === null) continue
    if (typeof value === 'number' && key === 'olderThan') params.set(key, String(value))
    else if (typeof value === 'string' && value.length <= 256) params.set(key, value)
    else return `${key} is not a string of up to 256 characters`
  }
  // A link may carry a wrong name or region, and the page explains it; a portal's steering is code, and is refused.
  const region = params.get('region')
  if (region !== null && !Object.hasOwn(LIGHTSAIL_REGIONS, region)) return `region ${JSON.stringify(region)} is not a Lightsail region`
  const snapshot = params.get('snapshot')
  if (snapshot !== null && nameProblem(snapshot)) return `snapshot ${JSON.stringify(snapshot)} is not a snapshot name`
  const parsed = parseView(params.toString())
  if (parsed.problems.length > 0) return parsed.problems.join(' ')
  const { problems: _problems, embed: _embed, ...view } = parsed
  return { view }
}

function checkTheme(payload: Record<string, unknown>, supports: Supports): string | { mode: ThemeMode; tokens: Record<string, string> } {
  for (const key of Object.keys(payload)) if (key !== 'mode' && key !== 'tokens') return `unknown field ${JSON.stringify(key)}`
  const { mode } = payload
  if (mode !== 'light' && mode !== 'dark' && mode !== 'system') return 'mode is not light, dark or system'
  const tokens: Record<string, string> = {}
  if (payload.tokens !== undefined) {
    if (!isPlainObject(payload.tokens)) return 'tokens is not an object'
    for (const [name, value] of Object.entries(payload.tokens)) {
      const property = Object.hasOwn(THEME_TOKENS, name) ? THEME_TOKENS[name] : undefined
      if (!property) return `${JSON.stringify(name)} is not a documented theme token`
      if (typeof value !== 'string' || value.length > 200 || !supports(property, value)) return `${name}: ${JSON.stringify(value)} is not a valid ${property}`
      // Values are set as one custom property each; nothing that loads or runs anything is needed for a theme, and
      // nothing that defers the check: var(), attr() and env() pass CSS.supports whatever their fallback holds.
      if (/url\(|image\(|image-set\(|expression\(|var\(|attr\(|env\(|@import|[;{}<>\\]/i.test(value)) return `${name}: ${JSON.stringify(value)} is not allowed`
      // Sizes are plain and small: a theme does not lay the page out.
      if ((property === 'gap' || property === 'border-radius') && !/^(0|\d{1,2}(\.\d{1,3})?(px|rem|em))$/.test(value.trim())) {
        return `${name}: ${JSON.stringify(value)} is not a plain length such as 4px or 0.5rem`
      }
      tokens[name] = value
    }
  }
  return { mode, tokens }
}

/**
 * Checks a message event's sender and data. Accepted only from the parent window (`source === parent`) and from an
 * allowed origin; then the envelope, the version, the type and its payload, each exactly.
 */
export function checkMessage(
  event: { origin: string; source: unknown; data: unknown },
  expected: { parent: unknown; allowedOrigins: readonly string[]; supports: Supports },
): Checked {
  if (!expected.allowedOrigins.includes(event.origin)) return ignored('origin', event.origin)
  if (event.source === null || event.source !== expected.parent) return ignored('source', 'not the parent window')
  const data = event.data
  if (!isPlainObject(data) || data.protocol !== PROTOCOL) return ignored('envelope', 'not a Snapshot Lens message')
  if (typeof data.version !== 'number' || !Number.isInteger(data.version)) return ignored('envelope', 'version is not a whole number')
  if (!(VERSIONS as readonly number[]).includes(data.version)) return ignored('version', `version ${data.version} (this app speaks ${VERSIONS.join(', ')})`)
  if (typeof data.type !== 'string') return ignored('envelope', 'type is not a string')
  if (data.id !== undefined && (typeof data.id !== 'string' || data.id.length > 100)) return ignored('envelope', 'id is not a short string')
  const id = data.id as string | undefined
  const payload = data.payload === undefined ? {} : data.payload
  if (!isPlainObject(payload)) return ignored('payload', 'payload is not an object')
  switch (data.type) {
    case 'token': {
      const checked = checkToken(payload)
      return typeof checked === 'string' ? ignored('payload', checked) : { ok: true, message: { type: 'token', id, ...checked } }
    }
    case 'navigate': {
      const checked = checkNavigate(payload)
      return typeof checked === 'string' ? ignored('payload', checked) : { ok: true, message: { type: 'navigate', id, ...checked } }
    }
    case 'theme': {
      const checked = checkTheme(payload, expected.supports)
      return typeof checked === 'string' ? ignored('payload', checked) : { ok: true, message: { type: 'theme', id, ...checked } }
    }
    default:
      return ignored('type', `unknown type ${JSON.stringify(data.type.slice(0, 40))}`)
  }
}
