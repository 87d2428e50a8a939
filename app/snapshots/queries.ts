// Query options for snapshots: keys from one factory, polling while pending (and, for someone waiting to be notified,
// in a hidden tab at a gentler pace), what the page saw happen between answers.
import { queryOptions, type QueryClient, type QueryKey } from '@tanstack/react-query'
import type { AwsSession } from '../aws/session.ts'
import { getInstanceSnapshot, type InstanceSnapshot } from '../aws/snapshots.ts'
import type { ProgressSample } from '../lib/eta.ts'
import { queryKeys } from '../query-keys.ts'

export interface SnapshotData<S extends { state?: string; progress?: string } = InstanceSnapshot> {
  snapshot: S
  requestId?: string
  /** When this answer arrived (epoch ms). */
  fetchedAt: number
  /** Progress readings while pending, oldest first; carried from one refresh to the next (disk snapshots report it). */
  progress: ProgressSample[]
  /** Set when this page saw the snapshot leave pending: when, and in which state it ended. */
  settled?: { at: number; state: string }
}

/** How long a hidden tab waits between refreshes while someone waits to be notified: gentler than a visible page. */
export function backgroundPollMs(pollSeconds: number): number {
  return Math.max(pollSeconds * 4, 30) * 1000
}

/** How a kind of snapshot keeps its progress readings from one answer to the next (disk snapshots report progress). */
export type TrackProgress = (previous: readonly ProgressSample[], progress: string | undefined, at: number) => ProgressSample[]

/**
 * An answer folded into what this page already knew: progress readings while pending (where the kind reports any), and
 * the moment it was seen to settle. A settled snapshot's operations are read again, so its history says how it ended.
 */
export function foldAnswer<S extends { state?: string; progress?: string }>(
  client: QueryClient,
  queryKey: QueryKey,
  result: { snapshot: S; requestId?: string },
  operationsKey: QueryKey,
  track?: TrackProgress,
): SnapshotData<S> {
  const fetchedAt = Date.now()
  const previous = client.getQueryData<SnapshotData<S>>(queryKey)
  const state = result.snapshot.state
  const progress = state === 'pending' && track ? track(previous?.progress ?? [], result.snapshot.progress, fetchedAt) : []
  const justSettled = state !== 'pending' && previous?.snapshot.state === 'pending'
  if (justSettled) void client.invalidateQueries({ queryKey: operationsKey })
  const settled = state === 'pending' ? undefined : justSettled ? { at: fetchedAt, state: state ?? 'unknown' } : previous?.settled
  return { ...result, fetchedAt, progress, settled }
}

/**
 * Poll while pending; in a hidden tab only for someone waiting to be notified (`inBackground`: they asked), and less
 * often there.
 */
export function pollWhilePending(pollSeconds: number, inBackground = false) {
  return {
    refetchInterval: (query: { state: { data?: { snapshot: { state?: string } } } }) => {
      if (query.state.data?.snapshot.state !== 'pending') return false
      return inBackground && document.visibilityState === 'hidden' ? backgroundPollMs(pollSeconds) : pollSeconds * 1000
    },
    refetchIntervalInBackground: inBackground,
  }
}

// Every factory takes the session whose credentials it uses. The session is not part of the key: each session has a
// query client of its own, dropped with it (see app/session.tsx).
export const snapshotQueries = {
  detail: (session: AwsSession, region: string, name: string, pollSeconds: number, inBackground = false) =>
    queryOptions({
      queryKey: queryKeys.snapshot(region, name),
      queryFn: async ({ signal, client, queryKey }): Promise<SnapshotData> =>
        foldAnswer(client, queryKey, await getInstanceSnapshot(session, region, name, signal), queryKeys.operations(region, name)),
      ...pollWhilePending(pollSeconds, inBackground),
    }),
}
