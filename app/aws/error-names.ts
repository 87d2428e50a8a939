// AWS error names and what they mean to the page: the one place that knows them. Loaded on the first failure, through
// `classify` in errors.ts.
import { AppError, type AppErrorKind, type AppErrorSource } from './errors.ts'

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
  InternalErrorException: 'service',
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
  // The credential provider says so when Cognito's answer lacks the identity or the keys.
  CredentialsProviderError: 'malformed',
  // A body that is not the JSON the protocol promises (a proxy's HTML page, a cut answer).
  SyntaxError: 'malformed',
  // fetch rejects with a TypeError when the connection fails.
  TypeError: 'network',
  NetworkingError: 'network',
  // The SDK's per-attempt time limit, and the relay's.
  TimeoutError: 'timeout',
  RelayTimeout: 'timeout',
  // The relay could not reach the service, or refused the request (see app/lib/relay-rules.ts).
  RelayUnavailable: 'network',
  RelayForbidden: 'relay',
  RelayBadRegion: 'relay',
  RelayMethodNotAllowed: 'relay',
  RelayBodyTooLarge: 'relay',
}

interface SdkLikeError {
  name?: unknown
  message?: unknown
  $metadata?: { requestId?: string; httpStatusCode?: number }
  $response?: { statusCode?: number }
}

export function toAppError(error: unknown, source: AppErrorSource = 'lightsail'): AppError {
  if (error instanceof AppError) return error
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkLikeError
  const name = typeof e.name === 'string' ? e.name : 'Error'
  let message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error)
  // The SDK appends a note for developers ("Deserialization error: to see the raw response…"): the first line says it.
  if (name === 'SyntaxError') message = message.split('\n')[0]!
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode
  let kind = KIND_BY_NAME[name]
  // A 404 or 405 that is no AWS error at all (an unknown name, or a web page where JSON was due): the web server in
  // front of the app has no relay at that path.
  if ((status === 404 || status === 405) && (!kind || kind === 'malformed')) kind = 'relay'
  if (!kind) kind = status !== undefined && status >= 500 ? 'service' : 'unknown'
  return new AppError(kind, message, name, e.$metadata?.requestId, status, source)
}
