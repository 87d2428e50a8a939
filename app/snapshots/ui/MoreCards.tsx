// The cards after Status: what the snapshot was taken from (and that source today), the automatic snapshots Lightsail
// keeps of it, what to do with it (restore, copy, export), the snapshot's history, where it lives, its tags and its disks. They are code a snapshot link needs only
// after it has answered "can I use it?", so they load in a chunk of their own while the Status card shows, with their
// styles; the reads they add (GetInstance, GetAutoSnapshots, GetOperationsForResource) leave only then.
import type { InstanceSnapshot } from '../../aws/snapshots.ts'
import type { Pricing } from '../../config/config.ts'
import type { ViewState } from '../../lib/url.ts'
import { ErrorBoundary } from '../../ui/ErrorBoundary.tsx'
import { AutoSnapshotsCard } from './context/AutoSnapshotsCard.tsx'
import { HistoryCard } from './context/HistoryCard.tsx'
import { DisksCard } from './cards/DisksCard.tsx'
import { LocationCard } from './cards/LocationCard.tsx'
import { SourceCard } from './cards/SourceCard.tsx'
import { TagsCard } from './cards/TagsCard.tsx'
import { UseSnapshotCard } from './restore/UseSnapshotCard.tsx'
import './cards/cards.css'

export function MoreCards({ snapshot, region, pricing, url }: { snapshot: InstanceSnapshot; region: string; pricing: Pricing; url: ViewState }) {
  const instance = snapshot.fromInstanceName
  return (
    <>
      <ErrorBoundary label="The source card">
        <SourceCard snapshot={snapshot} region={region} pricing={pricing} />
      </ErrorBoundary>
      {instance ? (
        <ErrorBoundary label="The automatic snapshots card">
          <AutoSnapshotsCard region={region} resource={instance} kind="instance" url={url} />
        </ErrorBoundary>
      ) : null}
      <ErrorBoundary label="Use this snapshot">
        <UseSnapshotCard target={{ kind: 'instance', snapshot }} region={region} url={url} />
      </ErrorBoundary>
      {snapshot.name ? (
        <ErrorBoundary label="The history card">
          <HistoryCard region={region} name={snapshot.name} keptFromAutomatic={snapshot.isFromAutoSnapshot === true} />
        </ErrorBoundary>
      ) : null}
      <ErrorBoundary label="The location card">
        <LocationCard snapshot={snapshot} />
      </ErrorBoundary>
      <ErrorBoundary label="The tags card">
        <TagsCard snapshot={snapshot} />
      </ErrorBoundary>
      <ErrorBoundary label="The disks card">
        <DisksCard snapshot={snapshot} />
      </ErrorBoundary>
    </>
  )
}
