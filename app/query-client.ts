import { QueryClient } from '@tanstack/react-query'
import type { AppError } from './aws/errors.ts'

// Retries are decided once, in the SDK: it already retries throttling and 5xx with backoff, and `withLightsail`
// renews expired credentials. Retrying here too would multiply attempts; not-found, invalid input, access denied and
// unauthenticated are never worth another try anyway.
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: 30_000, refetchOnWindowFocus: false },
    },
  })
}

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: AppError
  }
}
