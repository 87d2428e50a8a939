// Lightsail's modelled errors, each named once with the status and the fields (`code`, `docs`, `message`, `tip`) the
// service sends, and the input checks every operation shares.
import type { RegionCondition } from '../model.ts'
import { AwsError } from '../wire.ts'

const DOCS = 'https://lightsail.aws.amazon.com/ls/docs'

function lightsailError(status: number, type: string, code: string, message: string, tip: string): AwsError {
  return new AwsError(status, type, message, { code, docs: DOCS, tip })
}

export const lightsailErrors = {
  invalidInput: (message: string) =>
    lightsailError(400, 'InvalidInputException', 'InvalidInput', message, 'Check the request parameters and try again.'),
  notFound: (message: string) =>
    lightsailError(404, 'NotFoundException', 'NotFound', message, 'Check the name and the region of the resource.'),
  accessDenied: (action: string) =>
    lightsailError(403, 'AccessDeniedException', 'AccessDenied',
      `User is not authorized to perform: lightsail:${action}`,
      `Ask your administrator to allow lightsail:${action} for your role.`),
  /** Denied by the caller's role: `message` names the role, the action and the resource, as IAM words it. */
  accessDeniedFor: (message: string, action: string) =>
    lightsailError(403, 'AccessDeniedException', 'AccessDenied', message, `Ask your administrator to allow ${action} for your role.`),
  accountSetupInProgress: () =>
    lightsailError(428, 'AccountSetupInProgressException', 'AccountSetupInProgress',
      'Your account is still being set up. Please try again in a few minutes.',
      'Account setup usually completes within a few minutes of sign-up.'),
  regionSetupInProgress: (region: string) =>
    lightsailError(428, 'RegionSetupInProgressException', 'RegionSetupInProgress',
      `Region ${region} is still being set up for your account.`, 'Try again in a few minutes.'),
  unauthenticated: () =>
    lightsailError(401, 'UnauthenticatedException', 'Unauthenticated', 'The request is not authenticated.', 'Sign in and try again.'),
  operationFailure: (message: string) =>
    lightsailError(400, 'OperationFailureException', 'OperationFailure', message, 'Try again later.'),
  service: () => lightsailError(500, 'ServiceException', 'ServiceException', 'An internal error occurred.', 'Try again later.'),
}

/** Lightsail's rule for resource names (the model's `ResourceName` pattern, `\w[\w\-]*\w`). */
export const NAME_PATTERN = /^\w[\w-]*\w$/

/** A required resource name, checked as Lightsail checks it. */
export function requireName(input: Record<string, unknown>, field: string): string {
  const value = input[field]
  if (value === undefined || value === null) throw lightsailErrors.invalidInput(`${field} is required`)
  if (typeof value !== 'string' || !NAME_PATTERN.test(value) || value.length > 255) {
    throw lightsailErrors.invalidInput(
      `${field} must start and end with a letter or number, and contain only letters, numbers, underscores and hyphens: ${JSON.stringify(value)}`,
    )
  }
  return value
}

/** An optional `pageToken`: a string when present. */
export function pageToken(input: Record<string, unknown>): string | undefined {
  const token = input.pageToken
  if (token !== undefined && typeof token !== 'string') throw lightsailErrors.invalidInput('pageToken must be a string')
  return token
}

export function invalidPageToken(token: string | undefined): AwsError {
  return lightsailErrors.invalidInput(`Invalid pageToken: ${String(token)}`)
}

/** A region that refuses every call the way a real account can: access denied, or an account still being set up. */
export function conditionError(condition: RegionCondition, operation: string): AwsError {
  return condition === 'AccessDenied' ? lightsailErrors.accessDenied(operation) : lightsailErrors.accountSetupInProgress()
}

/** A string member, required or optional, of the type the model gives it. */
export function stringMember(input: Record<string, unknown>, field: string, required: true): string
export function stringMember(input: Record<string, unknown>, field: string, required?: false): string | undefined
export function stringMember(input: Record<string, unknown>, field: string, required = false): string | undefined {
  const value = input[field]
  if (value === undefined || value === null) {
    if (required) throw lightsailErrors.invalidInput(`${field} is required`)
    return undefined
  }
  if (typeof value !== 'string') throw lightsailErrors.invalidInput(`${field} must be a string`)
  if (required && !/\S/.test(value)) throw lightsailErrors.invalidInput(`${field} is required`)
  return value
}

/** An optional resource name, checked as Lightsail checks names. */
export function optionalName(input: Record<string, unknown>, field: string): string | undefined {
  return input[field] === undefined || input[field] === null ? undefined : requireName(input, field)
}

export function booleanMember(input: Record<string, unknown>, field: string): boolean | undefined {
  const value = input[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw lightsailErrors.invalidInput(`${field} must be true or false`)
  return value
}

export function integerMember(input: Record<string, unknown>, field: string): number {
  const value = input[field]
  if (value === undefined || value === null) throw lightsailErrors.invalidInput(`${field} is required`)
  if (!Number.isInteger(value)) throw lightsailErrors.invalidInput(`${field} must be a whole number`)
  return value as number
}
