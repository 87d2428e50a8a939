import { formatDuration } from '../lib/format-more.ts'
import { useNow } from './use-now.ts'

/** "1 hour 5 minutes" until a moment, ticking each second. */
export function Countdown({ until }: { until: number }) {
  return <>{formatDuration(until - useNow(1000))}</>
}
