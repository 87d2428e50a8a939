import { Skeleton } from '../../ui/Skeleton.tsx'

function SkeletonCard({ title, lines, className = '' }: { title: string; lines: number; className?: string }) {
  return (
    <section className={`card ${className}`} aria-hidden="true">
      <header className="card-header">
        <h2 className="skeleton-title">{title}</h2>
      </header>
      <Skeleton lines={lines} width="80%" />
    </section>
  )
}

/** Placeholders for the cards after Status, shaped like them. */
export function SkeletonCards() {
  return (
    <>
      <SkeletonCard title="Source" lines={7} />
      <SkeletonCard title="Automatic snapshots" lines={7} className="card-auto" />
      <SkeletonCard title="History" lines={3} className="card-history" />
      <SkeletonCard title="Location" lines={5} />
      <SkeletonCard title="Tags" lines={3} className="card-tags" />
      <SkeletonCard title="Attached disks" lines={6} className="card-disks" />
    </>
  )
}

/** Shaped like the cards, so nothing jumps when the data arrives. */
export function SnapshotSkeleton() {
  return (
    <div className="cards" role="status" aria-live="polite">
      <span className="visually-hidden">Loading the snapshot…</span>
      <SkeletonCard title="Status" lines={5} className="card-status" />
      <SkeletonCards />
    </div>
  )
}
