// What a disk snapshot adds to its Status card: the progress it reports as a real bar, and the time left from how that
// progress has risen between refreshes.
import { estimateCompletion, MIN_SAMPLES, parsePercent } from '../../../lib/eta.ts'
import { ProgressBar } from '../../../ui/ProgressBar.tsx'
import { Countdown } from '../../../ui/Countdown.tsx'
import type { DiskSnapshot } from '../../../aws/disk-snapshots.ts'
import type { SnapshotData } from '../../queries.ts'
import type { StatusExtra } from './StatusCard.tsx'

export function diskStatusExtra(data: SnapshotData<DiskSnapshot>): StatusExtra {
  const { snapshot } = data
  const pending = snapshot.state === 'pending'
  const estimate = pending ? estimateCompletion(data.progress) : undefined
  return {
    progress: pending || snapshot.progress ? <ProgressBar percent={parsePercent(snapshot.progress)} label="Snapshot progress" /> : null,
    facts: [
      { term: 'Progress', value: snapshot.progress ?? <span className="muted">Not reported</span> },
      ...(pending
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
    ],
  }
}
