import { useEffect, useState } from 'react'
import { STILL_WAITING_MS } from '../aws/timeouts.ts'

/** True once the current fetch has gone on for STILL_WAITING_MS; false again as soon as it ends. */
export function useStillWaiting(fetching: boolean): boolean {
  const [late, setLate] = useState(false)
  useEffect(() => {
    if (!fetching) return
    const timer = setTimeout(() => setLate(true), STILL_WAITING_MS)
    return () => {
      clearTimeout(timer)
      setLate(false)
    }
  }, [fetching])
  return fetching && late
}

/** Said after a few seconds without an answer, with a way to stop waiting. Past the limit, the caller shows a panel. */
export function StillWaiting({ fetching, what, onCancel }: { fetching: boolean; what: string; onCancel: () => void }) {
  const late = useStillWaiting(fetching)
  return (
    <p role="status" className={late ? 'notice notice-warning waiting' : 'visually-hidden'}>
      {late ? (
        <>
          Still waiting for {what}: AWS is taking longer than usual to answer.{' '}
          <button type="button" className="button button-small" onClick={onCancel}>
            Stop waiting
          </button>
        </>
      ) : null}
    </p>
  )
}
