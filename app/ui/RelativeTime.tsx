import { formatRelative } from '../lib/format.ts'
import { refreshIntervalFor, useNow } from './use-now.ts'

/** The current time at the pace a relative time to `at` changes: each second when near, every ten minutes when days away. */
export function useNowNear(at: number): number {
  const roughly = useNow(600_000)
  return useNow(refreshIntervalFor(roughly - at))
}

/** "3 minutes ago", kept current at the pace its unit changes. */
export function RelativeTime({ at }: { at: number }) {
  return <>{formatRelative(new Date(at), useNowNear(at))}</>
}
