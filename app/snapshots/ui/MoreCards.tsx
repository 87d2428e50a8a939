// The cards after Status: what the snapshot was taken from, where it lives, its tags and its disks. They are code a
// snapshot link needs only after it has answered "can I use it?", so they load in a chunk of their own while the Status
// card shows, with their styles.
import type { InstanceSnapshot } from '../../aws/snapshots.ts'
import { ErrorBoundary } from '../../ui/ErrorBoundary.tsx'
import { DisksCard } from './cards/DisksCard.tsx'
import { LocationCard } from './cards/LocationCard.tsx'
import { SourceCard } from './cards/SourceCard.tsx'
import { TagsCard } from './cards/TagsCard.tsx'
import './cards/cards.css'

export function MoreCards({ snapshot }: { snapshot: InstanceSnapshot }) {
  return (
    <>
      <ErrorBoundary label="The source card">
        <SourceCard snapshot={snapshot} />
      </ErrorBoundary>
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
