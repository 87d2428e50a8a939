import { memo, type ReactNode } from 'react'
import { formatClock, formatSpan } from '../../../lib/format.ts'
import type { SnapshotKind } from '../../../lib/url.ts'
import { Card } from '../../../ui/Card.tsx'
import { KeyValueList, type Fact } from '../../../ui/KeyValueList.tsx'
import { loadable } from '../../../ui/loadable.tsx'
import { ProgressBar } from '../../../ui/ProgressBar.tsx'
import { RelativeTime } from '../../../ui/RelativeTime.tsx'
import { StatusBadge } from '../../../ui/StatusBadge.tsx'
import { Time } from '../../../ui/Time.tsx'
import { useNow } from '../../../ui/use-now.ts'
import type { SnapshotData } from '../../queries.ts'

// What the operation log adds (the expectation while pending, the reason after a failure): after the data, on demand.
const StatusContext = loadable(() => import('../context/StatusContext.tsx').then((m) => m.StatusContext), () => null)

const SUMMARY: Record<SnapshotKind, Record<string, string>> = {
  instance: {
    available: 'Ready: instances and disks can be created from this snapshot.',
    pending: 'Being created: it cannot be used until it is available.',
    error: 'Failed: this snapshot cannot be used. Create a new one from the instance.',
  },
  disk: {
    completed: 'Ready: disks can be created from this snapshot.',
    pending: 'Being created: it cannot be used until it is completed.',
    error: 'Failed: this snapshot cannot be used. Create a new one from the disk.',
  },
}

/** The fields both kinds of snapshot share, as the Status card reads them. */
export interface StatusFields {
  name?: string
  state?: string
  progress?: string
  createdAt?: Date
  fromInstanceName?: string
  fromDiskName?: string
}

/** "Snapshotting for 12 min, since 09:41": how long a pending snapshot has run, kept current. */
function Running({ since }: { since: Date }) {
  const now = useNow(10_000)
  return (
    <p className="running" data-testid="running">
      Snapshotting for {formatSpan(now - since.getTime())}, since <time dateTime={since.toISOString()}>{formatClock(since)}</time>
    </p>
  )
}

/** What a kind of snapshot adds to its Status card: the progress it reports, and facts about it. */
export interface StatusExtra {
  progress?: ReactNode
  facts?: Fact[]
}

// Memoized: the card changes when the data does; the times inside keep themselves current.
export const StatusCard = memo(function StatusCard({
  data,
  stale,
  kind,
  region,
  extra,
  children,
}: {
  data: SnapshotData<StatusFields>
  stale: boolean
  kind: SnapshotKind
  region: string
  extra?: StatusExtra
  /** The page's own controls for this state (notify me when it is ready). */
  children?: ReactNode
}) {
  const { snapshot } = data
  const state = snapshot.state ?? 'unknown'
  const pending = state === 'pending'
  return (
    <Card title="Status" className="card-status">
      <p className="status-line">
        <StatusBadge state={snapshot.state} detail={pending && kind === 'disk' ? snapshot.progress : undefined} />
        <span data-testid="status-summary">{SUMMARY[kind][state] ?? `Lightsail reports the state "${state}", which this version of Snapshot Lens does not know.`}</span>
      </p>
      {pending && snapshot.createdAt ? <Running since={snapshot.createdAt} /> : null}
      {extra?.progress ??
        (pending ? <ProgressBar percent={undefined} label="Snapshot in progress" note="Lightsail reports no percentage for instance snapshots" /> : null)}
      {(pending && kind === 'instance') || state === 'error' ? (
        <StatusContext kind={kind} region={region} snapshot={snapshot} />
      ) : null}
      {children}
      <KeyValueList
        facts={[
          { term: 'State', value: <span data-testid="status-state">{state}</span> },
          { term: 'Created', value: <Time date={snapshot.createdAt} /> },
          {
            term: 'Last refreshed',
            value: (
              <span data-testid="last-refreshed">
                <RelativeTime at={data.fetchedAt} />
                {stale ? <strong className="stale"> · stale: the last refresh failed</strong> : null}
              </span>
            ),
          },
          ...(extra?.facts ?? []),
        ]}
      />
    </Card>
  )
})
