import { notifyManager, QueryClient } from '@tanstack/react-query'
import type { AppError } from './aws/errors.ts'

/**
 * Retries are decided once. The SDK already retries throttling, 5xx and dropped connections with backoff, and the AWS
 * layer renews expired credentials; retrying those here would multiply attempts. React Query retries only a network
 * failure (the SDK in a browser may not get to retry a fetch that never connected), twice, and never not-found,
 * invalid input, access denied or unauthenticated.
 */
export function shouldRetry(failureCount: number, error: AppError): boolean {
  return error.kind === 'network' && failureCount < 2
}

export function createQueryClient(): QueryClient {
  // Tell components about new data in the same task it arrives in, rather than a timer later.
  notifyManager.setScheduler(queueMicrotask)
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
        staleTime: 15_000,
        refetchOnWindowFocus: false,
      },
    },
  })
}

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: AppError
  }
}
