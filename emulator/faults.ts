// Injected failures for tests and demos: for the next N calls, or at a rate, optionally for one service or operation.
import { notAuthorized } from './id-tokens.ts'
import { lightsailErrors } from './lightsail/errors.ts'
import { AwsError, errors } from './wire.ts'

export const FAULT_KINDS = ['throttle', 'http500', 'http503', 'drop', 'slow', 'error', 'malformed', 'not-json', 'alter'] as const

/**
 * The errors a fault of kind `error` can answer with, by their `__type`: Lightsail's, and Cognito's refusal of a login.
 * Each is given the operation it answers, so an access denied names the action that was called.
 */
export const INJECTABLE_ERRORS: Record<string, (operation: string) => AwsError> = {
  NotAuthorizedException: () => notAuthorized(`Invalid login token. Token expired: ${Math.floor(Date.now() / 1000)} >= ${Math.floor(Date.now() / 1000) - 1}`),
  AccessDeniedException: (operation) => lightsailErrors.accessDenied(operation),
  AccountSetupInProgressException: () => lightsailErrors.accountSetupInProgress(),
  RegionSetupInProgressException: () => lightsailErrors.regionSetupInProgress('this region'),
  UnauthenticatedException: () => lightsailErrors.unauthenticated(),
  OperationFailureException: () => lightsailErrors.operationFailure('The operation failed.'),
  ServiceException: () => lightsailErrors.service(),
}
export type FaultKind = (typeof FAULT_KINDS)[number]

export interface FaultRule {
  kind: FaultKind
  /** Applies to this many matching calls, then is spent. */
  count?: number
  /** Applies to each matching call with this probability (0 to 1) while it lasts. */
  rate?: number
  service?: 'lightsail' | 'cognito-identity'
  operation?: string
  /** For `slow`: how long to hold the response. */
  delayMs?: number
  /** For `error`: which Lightsail error to answer, by its `__type`. */
  error?: string
  /** Only calls to this region (Lightsail: the signature's; Cognito Identity: the pool's). */
  region?: string
  /** For `alter`: the field of the real answer to replace, as a dotted path (`instanceSnapshot.tags`, `instanceSnapshots.0.sizeInGb`). */
  path?: string
  /** For `alter`: what to put there (a value of another type than the model's, for a malformed answer). */
  value?: unknown
  /**
   * Cognito Identity only: apply to calls whose login is a token already presented before the fault was added, as a
   * service refusing the tokens in use; a token renewed since passes. (Set by the admin API as `tokensInUse: true`.)
   */
  tokens?: ReadonlySet<string>
}

export type FaultOutcome =
  | { action: 'error'; error: AwsError }
  | { action: 'drop' }
  | { action: 'delay'; ms: number }
  /** Answer 200 with this body: valid JSON without what the operation promises, or no JSON at all. */
  | { action: 'answer'; contentType: string; body: string }
  /** Answer as usual, with one field of the answer replaced. */
  | { action: 'alter'; path: string[]; value: unknown }
  | { action: 'none' }

export class FaultInjector {
  private rules: FaultRule[] = []
  injected = 0

  /** Checks a rule as it arrives from the admin API; throws a message naming the bad field. */
  static parse(input: unknown): FaultRule {
    if (typeof input !== 'object' || input === null) throw new Error('a fault is a JSON object')
    const r = input as Record<string, unknown>
    if (!FAULT_KINDS.includes(r.kind as FaultKind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`)
    if (r.count === undefined && r.rate === undefined) throw new Error('give count (next N calls) or rate (0 to 1)')
    if (r.count !== undefined && !(Number.isInteger(r.count) && (r.count as number) > 0)) throw new Error('count must be a positive whole number')
    if (r.rate !== undefined && !(typeof r.rate === 'number' && r.rate >= 0 && r.rate <= 1)) throw new Error('rate must be a number from 0 to 1')
    if (r.service !== undefined && r.service !== 'lightsail' && r.service !== 'cognito-identity') throw new Error('service must be lightsail or cognito-identity')
    if (r.operation !== undefined && typeof r.operation !== 'string') throw new Error('operation must be a string')
    if (r.region !== undefined && !(typeof r.region === 'string' && /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(r.region))) throw new Error('region must be a region name such as eu-north-1')
    if (r.kind === 'error' && !(typeof r.error === 'string' && r.error in INJECTABLE_ERRORS)) {
      throw new Error(`error must be one of ${Object.keys(INJECTABLE_ERRORS).join(', ')}`)
    }
    if (r.kind === 'alter' && !(typeof r.path === 'string' && /^[\w]+(\.[\w]+)*$/.test(r.path) && r.path.length <= 200 && 'value' in r)) {
      throw new Error('alter needs path (a dotted path into the answer, such as instanceSnapshot.tags) and value')
    }
    if (r.tokensInUse !== undefined && !(r.tokensInUse === true && r.service === 'cognito-identity')) throw new Error('tokensInUse is true, for service cognito-identity only')
    if (r.delayMs !== undefined && !(typeof r.delayMs === 'number' && r.delayMs >= 0 && r.delayMs <= 120_000)) throw new Error('delayMs must be 0 to 120000')
    return r as unknown as FaultRule
  }

  add(rule: FaultRule): void {
    this.rules.push({ ...rule })
  }

  clear(): void {
    this.rules = []
    this.injected = 0
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }))
  }

  /** Decides the fate of one call; the first matching rule that fires wins. */
  next(service: string, operation: string, region: string | undefined, random: () => number = Math.random, logins: readonly string[] = []): FaultOutcome {
    for (const rule of this.rules) {
      if (rule.service && rule.service !== service) continue
      if (rule.operation && rule.operation !== operation) continue
      if (rule.region && rule.region !== region) continue
      if (rule.tokens && !logins.some((token) => rule.tokens!.has(token))) continue
      if (rule.rate !== undefined && random() >= rule.rate) continue
      if (rule.count !== undefined) {
        rule.count -= 1
        if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule)
      }
      this.injected += 1
      switch (rule.kind) {
        case 'throttle':
          return { action: 'error', error: errors.throttling() }
        case 'http500':
          return { action: 'error', error: errors.internalFailure() }
        case 'http503':
          return { action: 'error', error: errors.serviceUnavailable() }
        case 'drop':
          return { action: 'drop' }
        case 'slow':
          return { action: 'delay', ms: rule.delayMs ?? 5000 }
        case 'error':
          return { action: 'error', error: INJECTABLE_ERRORS[rule.error!]!(operation) }
        case 'malformed':
          return { action: 'answer', contentType: 'application/x-amz-json-1.1', body: '{}' }
        case 'not-json':
          return { action: 'answer', contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }
        case 'alter':
          return { action: 'alter', path: rule.path!.split('.'), value: rule.value }
      }
    }
    return { action: 'none' }
  }
}
