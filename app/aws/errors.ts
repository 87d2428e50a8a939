// Every failure of the AWS layer becomes one typed AppError (named by error-names.ts); the UI switches on `kind` and
// `source`, never on SDK names.
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
  | 'timeout'
  | 'relay'
  | 'malformed'
  | 'credentials'
  | 'unknown'

/** Who failed: Lightsail (through its relay), or Cognito Identity, the service that hands out credentials. */
export type AppErrorSource = 'lightsail' | 'cognito'

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    /** The service's own error name, such as NotFoundException. */
    readonly code: string,
    readonly requestId?: string,
    readonly httpStatus?: number,
    readonly source: AppErrorSource = 'lightsail',
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/**
 * Turns any failure into an AppError. The table of AWS error names loads on the first failure (app/aws/error-names.ts):
 * a page that never fails never downloads it. If it cannot load, the network is the likeliest reason, and the error
 * says so.
 */
export async function classify(error: unknown, source: AppErrorSource = 'lightsail'): Promise<AppError> {
  if (error instanceof AppError) return error
  try {
    return (await import('./error-names.ts')).toAppError(error, source)
  } catch {
    const message = (error as { message?: unknown })?.message
    return new AppError('network', typeof message === 'string' ? message : String(error), 'NetworkError', undefined, undefined, source)
  }
}

/** An answer that parsed but lacks what the operation promises, or has a field of the wrong type (named in `message`). */
export function malformed(message: string, requestId?: string, source: AppErrorSource = 'lightsail'): AppError {
  return new AppError('malformed', message, 'MalformedResponse', requestId, 200, source)
}

/** The whole call, retries included, took longer than the app waits. */
export function timedOut(seconds: number, source: AppErrorSource = 'lightsail'): AppError {
  return new AppError('timeout', `No answer within ${seconds} seconds`, 'TimeoutError', undefined, undefined, source)
}

/** The role IAM names in an access-denied message ("…assumed-role/<role>/CognitoIdentityCredentials is not…"). */
export function deniedRole(message: string | undefined): string | undefined {
  return /assumed-role\/([\w+=,.@-]+)\//.exec(message ?? '')?.[1]
}
