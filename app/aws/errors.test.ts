import { describe, expect, it } from 'vitest'
import { AppError, toAppError, type AppErrorKind } from './errors.ts'

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
    ['CredentialsProviderError', 'credentials'],
    ['RelayUnavailable', 'network'],
    ['TypeError', 'network'],
    ['TimeoutError', 'network'],
  ])('%s becomes %s, keeping message, code and request id', (name, kind) => {
    const error = toAppError(sdkError(name, 400))
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ kind, code: name, message: `${name} message`, requestId: 'req-1', httpStatus: 400 })
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
