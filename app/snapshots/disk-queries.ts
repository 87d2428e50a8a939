// The disk snapshot page's query: the same rules as an instance snapshot's (see queries.ts), and the progress it reports.
import { queryOptions } from '@tanstack/react-query'
import { getDiskSnapshot, type DiskSnapshot } from '../aws/disk-snapshots.ts'
import type { AwsSession } from '../aws/session.ts'
import { queryKeys } from '../query-keys.ts'
import { addSample, parsePercent } from '../lib/eta.ts'
import { foldAnswer, pollWhilePending, type SnapshotData, type TrackProgress } from './queries.ts'

/** A disk snapshot's readings: each answer's percentage, for the estimate of time left. */
const trackPercent: TrackProgress = (previous, progress, at) => {
  const percent = parsePercent(progress)
  return percent === undefined ? [...previous] : addSample(previous, { at, percent })
}

export const diskSnapshotQueries = {
  detail: (session: AwsSession, region: string, name: string, pollSeconds: number, inBackground = false) =>
    queryOptions({
      queryKey: queryKeys.diskSnapshot(region, name),
      queryFn: async ({ signal, client, queryKey }): Promise<SnapshotData<DiskSnapshot>> =>
        foldAnswer(client, queryKey, await getDiskSnapshot(session, region, name, signal), queryKeys.operations(region, name), trackPercent),
      ...pollWhilePending(pollSeconds, inBackground),
    }),
}
