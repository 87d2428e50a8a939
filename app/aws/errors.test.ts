import { describe, expect, it } from 'vitest'
import { RELAY_ERRORS } from '../lib/relay-rules.ts'
import { toAppError } from './error-names.ts'
import { AppError, classify, type AppErrorKind } from './errors.ts'

const sdkError = (name: string, status?: number, requestId = 'req-1') =>
  Object.assign(new Error(`${name} message`), { name, $metadata: { httpStatusCode: status, requestId } })

describe('toAppError', () => {
  it.each<[string, AppErrorKind]>([
    ['NotFoundException', 'not-found'],
    ['InvalidInputException', 'invalid-input'],
    ['AccessDeniedException', 'access-denied'],
    ['UnauthenticatedException', 'unauthenticated'],
    ['AccountSetupInProgressException', 'account-setup'],
    ['RegionSetupInProgressException', 'region-setup'],
    ['OperationFailureException', 'operation-failure'],
    ['ServiceException', 'service'],
    ['InternalFailure', 'service'],
    ['ServiceUnavailable', 'service'],
    ['ThrottlingException', 'throttled'],
    ['TooManyRequestsException', 'throttled'],
    ['UnrecognizedClientException', 'credentials'],
    ['InvalidSignatureException', 'credentials'],
    ['ExpiredTokenException', 'credentials'],
    ['MissingAuthenticationTokenException', 'credentials'],
    ['IncompleteSignatureException', 'credentials'],
    ['NotAuthorizedException', 'credentials'],
    ['ResourceNotFoundException', 'credentials'],
    ['InvalidParameterException', 'credentials'],
    ['CredentialsProviderError', 'malformed'],
    ['SyntaxError', 'malformed'],
    ['RelayUnavailable', 'network'],
    ['RelayTimeout', 'timeout'],
    ['RelayForbidden', 'relay'],
    ['RelayBadRegion', 'relay'],
    ['RelayBodyTooLarge', 'relay'],
    ['RelayMethodNotAllowed', 'relay'],
    ['TypeError', 'network'],
    ['TimeoutError', 'timeout'],
  ])('%s becomes %s, keeping message, code and request id', (name, kind) => {
    const error = toAppError(sdkError(name, 400))
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ kind, code: name, message: `${name} message`, requestId: 'req-1', httpStatus: 400 })
  })

  it('knows every answer the relays give (dev, nginx, CloudFront: app/lib/relay-rules.ts)', () => {
    for (const { type } of Object.values(RELAY_ERRORS)) {
      expect(['relay', 'network', 'timeout'], type).toContain(toAppError(sdkError(type, 400)).kind)
    }
  })

  it('keeps who failed: Lightsail by default, Cognito when the credentials layer says so', () => {
    expect(toAppError(sdkError('InternalFailure', 500)).source).toBe('lightsail')
    expect(toAppError(sdkError('InternalFailure', 500), 'cognito')).toMatchObject({ kind: 'service', source: 'cognito' })
  })

  it('a bare 404 or 405 (no AWS error at all) means the relay is not where config.json says', () => {
    expect(toAppError(sdkError('UnknownError', 404)).kind).toBe('relay')
    expect(toAppError(sdkError('UnknownError', 405)).kind).toBe('relay')
    expect(toAppError(sdkError('NotFoundException', 404)).kind).toBe('not-found')
  })

  it('an unknown 5xx is a service error; anything else unknown', () => {
    expect(toAppError(sdkError('BadGateway', 502)).kind).toBe('service')
    expect(toAppError(sdkError('SomethingNew', 400)).kind).toBe('unknown')
    expect(toAppError('a string').kind).toBe('unknown')
    expect(toAppError(null)).toMatchObject({ kind: 'unknown', message: 'null' })
  })

  it('passes an AppError through unchanged', () => {
    const original = new AppError('throttled', 'slow down', 'ThrottlingException')
    expect(toAppError(original)).toBe(original)
  })
})

describe('classify', () => {
  it('names SDK failures through the table it loads on the first failure, and passes AppErrors through', async () => {
    const original = new AppError('throttled', 'slow down', 'ThrottlingException')
    expect(await classify(original)).toBe(original)
    expect(await classify(sdkError('NotAuthorizedException', 400), 'cognito')).toMatchObject({ kind: 'credentials', source: 'cognito', requestId: 'req-1' })
  })
})
