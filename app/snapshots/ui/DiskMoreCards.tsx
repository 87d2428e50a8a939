// The disk snapshot's cards after Status: the disk (and instance) it was taken from, what to do with it (a new disk, a
// copy, an export), its history, where it lives and its tags.
import { memo } from 'react'
import type { DiskSnapshot } from '../../aws/disk-snapshots.ts'
import { formatGb } from '../../lib/format.ts'
import type { ViewState } from '../../lib/url.ts'
import { Card } from '../../ui/Card.tsx'
import { CopyableCode } from '../../ui/CopyableCode.tsx'
import { ErrorBoundary } from '../../ui/ErrorBoundary.tsx'
import { KeyValueList } from '../../ui/KeyValueList.tsx'
import { HistoryCard } from './context/HistoryCard.tsx'
import { SourceToday } from './context/SourceToday.tsx'
import { LocationCard } from './cards/LocationCard.tsx'
import { yesNo } from './cards/model.ts'
import { TagsCard } from './cards/TagsCard.tsx'
import { StorageCost } from './cards/StorageCost.tsx'
import type { Pricing } from '../../config/config.ts'
import { UseSnapshotCard } from './restore/UseSnapshotCard.tsx'
import './cards/cards.css'

const DiskSourceCard = memo(function DiskSourceCard({ snapshot, region, pricing }: { snapshot: DiskSnapshot; region: string; pricing: Pricing }) {
  return (
    <Card title="Source">
      <KeyValueList
        facts={[
          { term: 'Disk', value: snapshot.fromDiskName },
          { term: 'Disk ARN', value: snapshot.fromDiskArn && <CopyableCode value={snapshot.fromDiskArn} label="Copy disk ARN" /> },
          { term: 'Attached to instance', value: snapshot.fromInstanceName ?? <span className="muted">None when the snapshot was taken</span> },
          ...(snapshot.fromInstanceName
            ? [
                { term: 'Instance ARN', value: snapshot.fromInstanceArn && <CopyableCode value={snapshot.fromInstanceArn} label="Copy instance ARN" /> },
                { term: 'Instance today', value: <SourceToday region={region} instance={snapshot.fromInstanceName} /> },
              ]
            : []),
          { term: 'From an automatic snapshot', value: yesNo(snapshot.isFromAutoSnapshot) },
          { term: 'Size', value: <span data-testid="total-size">{formatGb(snapshot.sizeInGb)}</span> },
          { term: 'Storage cost', value: <StorageCost pricing={pricing} region={region} sizeGb={snapshot.sizeInGb ?? 0} /> },
        ]}
      />
    </Card>
  )
})

export function DiskMoreCards({ snapshot, region, pricing, url }: { snapshot: DiskSnapshot; region: string; pricing: Pricing; url: ViewState }) {
  return (
    <>
      <ErrorBoundary label="The source card">
        <DiskSourceCard snapshot={snapshot} region={region} pricing={pricing} />
      </ErrorBoundary>
      <ErrorBoundary label="Use this snapshot">
        <UseSnapshotCard target={{ kind: 'disk', snapshot }} region={region} url={url} />
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
    </>
  )
}
