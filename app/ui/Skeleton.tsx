/** A grey block the size of the text it stands for. */
export function Skeleton({ width = '100%', lines = 1 }: { width?: string; lines?: number }) {
  return (
    <span className="skeleton-lines" aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton" style={{ width }} />
      ))}
    </span>
  )
}
