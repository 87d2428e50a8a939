/** The states this app has words for, and the tone each is shown in: disk snapshots end `completed`, not `available`. */
const KNOWN: Record<string, { label: string; tone: string }> = {
  available: { label: 'Available', tone: 'available' },
  completed: { label: 'Completed', tone: 'available' },
  pending: { label: 'Pending', tone: 'pending' },
  error: { label: 'Error', tone: 'error' },
}

/**
 * The snapshot's state as a badge, with what is known of a pending one's progress (a disk snapshot's percentage, or
 * how long an instance snapshot has run); a state newer than this app knows is shown as it is.
 */
export function StatusBadge({ state, detail }: { state: string | undefined; detail?: string }) {
  const value = state ?? 'unknown'
  const known = KNOWN[value]
  return (
    <span className={`badge badge-${known?.tone ?? 'unknown'}`} data-state={value}>
      <span aria-hidden="true" className="badge-dot" />
      {known?.label ?? value}
      {value === 'pending' && detail ? ` · ${detail}` : null}
    </span>
  )
}
