// Every failure of the AWS layer becomes one typed AppError here; the UI switches on `kind` and never on SDK names.
export type AppErrorKind =
  | 'not-found'
  | 'invalid-input'
  | 'access-denied'
  | 'unauthenticated'
  | 'account-setup'
  | 'region-setup'
  | 'operation-failure'
  | 'service'
  | 'throttled'
  | 'network'
  | 'credentials'
  | 'unknown'

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    /** The service's own error name, such as NotFoundException. */
    readonly code: string,
    readonly requestId?: string,
    readonly httpStatus?: number,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

// Matched by name, not class: Lightsail's own `ServiceException` clashes with the SDK's base class of that name.
const KIND_BY_NAME: Record<string, AppErrorKind> = {
  NotFoundException: 'not-found',
  InvalidInputException: 'invalid-input',
  AccessDeniedException: 'access-denied',
  UnauthenticatedException: 'unauthenticated',
  AccountSetupInProgressException: 'account-setup',
  RegionSetupInProgressException: 'region-setup',
  OperationFailureException: 'operation-failure',
  ServiceException: 'service',
  InternalFailure: 'service',
  ServiceUnavailable: 'service',
  ThrottlingException: 'throttled',
  TooManyRequestsException: 'throttled',
  // The request's identity was refused: by the AWS front end for Lightsail, or by Cognito Identity.
  UnrecognizedClientException: 'credentials',
  InvalidSignatureException: 'credentials',
  ExpiredTokenException: 'credentials',
  MissingAuthenticationTokenException: 'credentials',
  IncompleteSignatureException: 'credentials',
  NotAuthorizedException: 'credentials',
  ResourceNotFoundException: 'credentials',
  InvalidParameterException: 'credentials',
  CredentialsProviderError: 'credentials',
  // fetch rejects with a TypeError when the connection fails; the SDK's timeouts are TimeoutError.
  TypeError: 'network',
  TimeoutError: 'network',
  NetworkingError: 'network',
  // The dev and preview relay could not reach Lightsail (or the emulator).
  RelayUnavailable: 'network',
}

interface SdkLikeError {
  name?: unknown
  message?: unknown
  $metadata?: { requestId?: string; httpStatusCode?: number }
  $response?: { statusCode?: number }
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkLikeError
  const name = typeof e.name === 'string' ? e.name : 'Error'
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error)
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode
  let kind = KIND_BY_NAME[name]
  if (!kind) kind = status !== undefined && status >= 500 ? 'service' : 'unknown'
  return new AppError(kind, message, name, e.$metadata?.requestId, status)
}
