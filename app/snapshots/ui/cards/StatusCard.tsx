import { estimateCompletion, MIN_SAMPLES, parsePercent } from '../../../lib/eta.ts'
import { memo } from 'react'
import { Card } from '../../../ui/Card.tsx'
import { KeyValueList } from '../../../ui/KeyValueList.tsx'
import { ProgressBar } from '../../../ui/ProgressBar.tsx'
import { Countdown, RelativeTime } from '../../../ui/RelativeTime.tsx'
import { StatusBadge } from '../../../ui/StatusBadge.tsx'
import { Time } from '../../../ui/Time.tsx'
import type { SnapshotData } from '../../queries.ts'

const SUMMARY: Record<string, string> = {
  available: 'Ready: instances and disks can be created from this snapshot.',
  pending: 'Being created: it cannot be used until it is available.',
  error: 'Failed: this snapshot cannot be used. Create a new one from the instance.',
}

// Memoized: the card changes when the data does; the times inside keep themselves current.
export const StatusCard = memo(function StatusCard({ data, stale }: { data: SnapshotData; stale: boolean }) {
  const { snapshot } = data
  const state = snapshot.state ?? 'unknown'
  const percent = parsePercent(snapshot.progress)
  const estimate = state === 'pending' ? estimateCompletion(data.progress) : undefined
  return (
    <Card title="Status" className="card-status">
      <p className="status-line">
        <StatusBadge state={snapshot.state} progress={snapshot.progress} />
        <span data-testid="status-summary">{SUMMARY[state] ?? `Lightsail reports the state "${state}", which this version of Snapshot Lens does not know.`}</span>
      </p>
      {state === 'pending' || snapshot.progress ? <ProgressBar percent={percent} label="Snapshot progress" /> : null}
      <KeyValueList
        facts={[
          { term: 'State', value: <span data-testid="status-state">{state}</span> },
          { term: 'Progress', value: snapshot.progress ?? <span className="muted">Not reported</span> },
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
          ...(state === 'pending'
            ? [
                {
                  term: 'Time left',
                  value: estimate ? (
                    <span data-testid="eta">
                      about <Countdown until={data.fetchedAt + estimate.remainingMs} /> (at {estimate.ratePerMinute.toFixed(1)}% a minute)
                    </span>
                  ) : (
                    <span className="muted" data-testid="eta">
                      Estimating: needs {MIN_SAMPLES} readings of rising progress
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  )
})
