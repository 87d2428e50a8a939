const KNOWN: Record<string, string> = { available: 'Available', pending: 'Pending', error: 'Error' }

/** The snapshot's state as a badge; a state newer than this app knows is shown as it is. */
export function StatusBadge({ state, progress }: { state: string | undefined; progress?: string }) {
  const value = state ?? 'unknown'
  const label = KNOWN[value] ?? value
  const tone = value in KNOWN ? value : 'unknown'
  return (
    <span className={`badge badge-${tone}`} data-state={value}>
      <span aria-hidden="true" className="badge-dot" />
      {label}
      {value === 'pending' && progress ? ` · ${progress}` : null}
    </span>
  )
}
