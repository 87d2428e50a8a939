import { describe, expect, it } from 'vitest'
import { AppError, type AppErrorKind } from './aws/errors.ts'
import { shouldRetry } from './query-client.ts'

describe('the retry policy', () => {
  it('retries only network failures, twice', () => {
    const error = (kind: AppErrorKind) => new AppError(kind, 'x', 'X')
    expect(shouldRetry(0, error('network'))).toBe(true)
    expect(shouldRetry(1, error('network'))).toBe(true)
    expect(shouldRetry(2, error('network'))).toBe(false)
    for (const kind of ['not-found', 'invalid-input', 'access-denied', 'unauthenticated', 'throttled', 'service', 'credentials'] as const) {
      expect(shouldRetry(0, error(kind))).toBe(false)
    }
  })
})
