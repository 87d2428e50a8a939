import { Skeleton } from '../../ui/Skeleton.tsx'

/** Shaped like the cards, so nothing jumps when the data arrives. */
export function SnapshotSkeleton() {
  const card = (title: string, lines: number, className = '') => (
    <section className={`card ${className}`} aria-hidden="true">
      <header className="card-header">
        <h2 className="skeleton-title">{title}</h2>
      </header>
      <Skeleton lines={lines} width="80%" />
    </section>
  )
  return (
    <div className="cards" role="status" aria-live="polite">
      <span className="visually-hidden">Loading the snapshot…</span>
      {card('Status', 5, 'card-status')}
      {card('Source', 7)}
      {card('Location', 5)}
      {card('Tags', 3, 'card-tags')}
      {card('Attached disks', 6, 'card-disks')}
    </div>
  )
}
