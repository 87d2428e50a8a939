// A pending row of the inventory keeps itself current on the snapshot page's rule (polled while pending); settled
// rows never re-render.
import { useQuery } from '@tanstack/react-query'
import { formatClock, formatSpan } from '../../lib/format.ts'
import { useSession } from '../../session.tsx'
import { expectation, finishedRuns } from '../../snapshots/context.ts'
import type { Operation } from '../../aws/context.ts'
import { queryKeys } from '../../query-keys.ts'
import { diskSnapshotQueries } from '../../snapshots/disk-queries.ts'
import { snapshotQueries } from '../../snapshots/queries.ts'
import { StatusBadge } from '../../ui/StatusBadge.tsx'
import { useNow } from '../../ui/use-now.ts'
import type { Row } from '../model.ts'

/**
 * A pending instance snapshot says how long it has run (Lightsail reports no percentage for them), and when it should
 * be done where the instance's history is already loaded (its snapshot page was opened): no extra call per row.
 */
function PendingInstance({ row, pollSeconds }: { row: Row; pollSeconds: number }) {
  const session = useSession()
  const live = useQuery(snapshotQueries.detail(session, row.region, row.name, pollSeconds))
  // Read from the cache only (the key alone): the operations query's code is not loaded for a list of rows.
  const runs = useQuery<Operation[]>({ queryKey: queryKeys.operations(row.region, row.instance), enabled: false })
  const now = useNow(10_000)
  const state = live.data?.snapshot.state ?? row.state
  if (state !== 'pending' || row.createdAt === undefined) return <StatusBadge state={state} />
  const expected = runs.data ? expectation(row.createdAt, finishedRuns(runs.data, row.name), now) : undefined
  const detail = `for ${formatSpan(now - row.createdAt)}${expected ? `, expected ${expected.pace === 'usual' ? 'around' : 'by'} ${formatClock(new Date(expected.expectedAt))}` : ''}`
  return <StatusBadge state={state} detail={detail} />
}

/** A pending disk snapshot shows the progress it reports, refreshed. */
function PendingDisk({ row, pollSeconds }: { row: Row; pollSeconds: number }) {
  const live = useQuery(diskSnapshotQueries.detail(useSession(), row.region, row.name, pollSeconds))
  const snapshot = live.data?.snapshot
  return <StatusBadge state={snapshot?.state ?? row.state} detail={snapshot ? snapshot.progress : row.progress} />
}


export function PendingState({ row, pollSeconds }: { row: Row; pollSeconds: number }) {
  return row.kind === 'disk' ? <PendingDisk row={row} pollSeconds={pollSeconds} /> : <PendingInstance row={row} pollSeconds={pollSeconds} />
}
