// What the operation log adds to the Status card: for a pending instance snapshot, when it should be done, from how
// long the instance's earlier snapshots took; for a failed snapshot, why it failed and what to do.
import { useQuery } from '@tanstack/react-query'
import { formatClock } from '../../../lib/format.ts'
import { formatSpanRange } from '../../../lib/format-cards.ts'
import type { SnapshotKind } from '../../../lib/url.ts'
import { useSession } from '../../../session.tsx'
import { useNow } from '../../../ui/use-now.ts'
import { expectation, failure, finishedRuns } from '../../context.ts'
import { contextQueries } from '../../context-queries.ts'
import type { StatusFields } from '../cards/StatusCard.tsx'
import { ContextNote } from './ContextNote.tsx'

function Expectation({ region, snapshot }: { region: string; snapshot: StatusFields }) {
  const instance = snapshot.fromInstanceName
  const query = useQuery({ ...contextQueries.operations(useSession(), region, instance ?? ''), enabled: instance !== undefined })
  const now = useNow(10_000)
  if (!instance) return null
  if (query.isError) {
    return <ContextNote error={query.error} action="GetOperationsForResource" what={`how long earlier snapshots of ${instance} took`} onRetry={() => void query.refetch()} />
  }
  if (!query.data) return <p className="muted">Checking how long earlier snapshots of {instance} took…</p>
  const startedAt = snapshot.createdAt?.getTime()
  const runs = finishedRuns(query.data, snapshot.name)
  const expected = startedAt === undefined ? undefined : expectation(startedAt, runs, now)
  if (!expected) {
    return (
      <p className="expectation" data-testid="expectation">
        No earlier snapshot of {instance} has finished, so there is no history to tell how long this one will take.
      </p>
    )
  }
  const last = expected.count === 1 ? 'The last one' : `The last ${expected.count}`
  const range = formatSpanRange(expected.shortestMs, expected.longestMs)
  const at = <time dateTime={new Date(expected.expectedAt).toISOString()}>{formatClock(new Date(expected.expectedAt))}</time>
  return (
    <p className={`expectation expectation-${expected.pace}`} data-testid="expectation">
      {expected.pace === 'usual' ? (
        <>
          {last} of {instance} took {range}: expect it around {at} <span className="muted">(an estimate)</span>.
        </>
      ) : expected.pace === 'late' ? (
        <>
          Taking longer than usual: {last.toLowerCase()} of {instance} took {range}, so expect it by {at} <span className="muted">(an estimate)</span>.
        </>
      ) : (
        <>
          Taking longer than any of {last.toLowerCase()} of {instance} ({range}). It may still finish; if it stays pending for hours, ask
          AWS Support about it with its support code.
        </>
      )}
    </p>
  )
}

function FailureReason({ region, snapshot }: { region: string; snapshot: StatusFields }) {
  const name = snapshot.name ?? ''
  const query = useQuery({ ...contextQueries.operations(useSession(), region, name), enabled: name !== '' })
  if (query.isError) return <ContextNote error={query.error} action="GetOperationsForResource" what="why it failed" onRetry={() => void query.refetch()} />
  if (!query.data) return <p className="muted">Looking up why it failed…</p>
  const why = failure(query.data)
  if (!why) return <p className="failure" data-testid="failure">Lightsail's operations for this snapshot record no reason for the failure.</p>
  return (
    <div className="failure" data-testid="failure">
      <p>
        <strong>Why it failed:</strong> {why.details ?? 'Lightsail gave no details.'}
        {why.code ? (
          <>
            {' '}
            <span className="muted">
              (<code>{why.code}</code>)
            </span>
          </>
        ) : null}
      </p>
      <p>
        <strong>What to do:</strong> {why.advice}
      </p>
    </div>
  )
}

export function StatusContext({ kind, region, snapshot }: { kind: SnapshotKind; region: string; snapshot: StatusFields }) {
  if (snapshot.state === 'error') return <FailureReason region={region} snapshot={snapshot} />
  return kind === 'instance' ? <Expectation region={region} snapshot={snapshot} /> : null
}
