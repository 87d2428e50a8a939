import { useId } from 'react'
import { formatDateTime, formatUtc } from '../lib/format.ts'
import { RelativeTime } from './RelativeTime.tsx'

/** A moment in the reader's time, relative to now, with the exact UTC time on hover and on keyboard focus. */
export function Time({ date }: { date: Date | undefined }) {
  const tipId = useId()
  if (!date || Number.isNaN(date.getTime())) return <span className="muted">Not reported</span>
  return (
    <span className="time">
      <time dateTime={date.toISOString()} tabIndex={0} aria-describedby={tipId}>
        {formatDateTime(date)}{' '}
        <span className="muted">
          (<RelativeTime at={date.getTime()} />)
        </span>
      </time>
      <span role="tooltip" id={tipId} className="tip">
        {formatUtc(date)}
      </span>
    </span>
  )
}
