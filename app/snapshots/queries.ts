// Query options for snapshots: keys from one factory, polling while pending, progress history for the estimate.
import { queryOptions } from '@tanstack/react-query'
import type { AwsSession } from '../aws/session.ts'
import { getInstanceSnapshot, type InstanceSnapshot } from '../aws/snapshots.ts'
import { addSample, parsePercent, type ProgressSample } from '../lib/eta.ts'
import { queryKeys } from '../query-keys.ts'

export interface SnapshotData {
  snapshot: InstanceSnapshot
  requestId?: string
  /** When this answer arrived (epoch ms). */
  fetchedAt: number
  /** Progress readings while pending, oldest first; carried from one refresh to the next. */
  progress: ProgressSample[]
  /** Set when this page saw the snapshot go from pending to available, so it can say so. */
  becameAvailableAt?: number
}

// Every factory takes the session whose credentials it uses. The session is not part of the key: each session has a
// query client of its own, dropped with it (see app/session.tsx).
export const snapshotQueries = {
  detail: (session: AwsSession, region: string, name: string, pollSeconds: number) =>
    queryOptions({
      queryKey: queryKeys.snapshot(region, name),
      queryFn: async ({ signal, client, queryKey }): Promise<SnapshotData> => {
        const result = await getInstanceSnapshot(session, region, name, signal)
        const fetchedAt = Date.now()
        const previous = client.getQueryData<SnapshotData>(queryKey)
        const state = result.snapshot.state
        const percent = parsePercent(result.snapshot.progress)
        const progress = state === 'pending' && percent !== undefined ? addSample(previous?.progress ?? [], { at: fetchedAt, percent }) : []
        const becameAvailableAt =
          state !== 'available' ? undefined : previous?.snapshot.state === 'pending' ? fetchedAt : previous?.becameAvailableAt
        return { ...result, fetchedAt, progress, becameAvailableAt }
      },
      // Poll while pending; react-query pauses the interval while the tab is hidden.
      refetchInterval: (query) => (query.state.data?.snapshot.state === 'pending' ? pollSeconds * 1000 : false),
      refetchIntervalInBackground: false,
    }),
}
