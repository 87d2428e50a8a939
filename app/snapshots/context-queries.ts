// Queries for what Lightsail reports around a snapshot. Each is its own query, asked only once the snapshot has
// answered (its components render after it), and fails alone: its place on the page says so, the rest stays.
import { queryOptions } from '@tanstack/react-query'
import { getAutoSnapshots, getOperationsForResource, getSourceInstance } from '../aws/context.ts'
import type { AwsSession } from '../aws/session.ts'
import { queryKeys } from '../query-keys.ts'

export const contextQueries = {
  /** Every operation of a resource: a snapshot's history, or an instance's earlier snapshots. */
  operations: (session: AwsSession, region: string, resourceName: string) =>
    queryOptions({
      queryKey: queryKeys.operations(region, resourceName),
      queryFn: ({ signal }) => getOperationsForResource(session, region, resourceName, signal),
      staleTime: 60_000,
    }),
  /** The source instance today, or that it no longer exists. */
  instance: (session: AwsSession, region: string, name: string) =>
    queryOptions({
      queryKey: queryKeys.instance(region, name),
      queryFn: ({ signal }) => getSourceInstance(session, region, name, signal),
      staleTime: 60_000,
    }),
  /** The automatic snapshots Lightsail keeps of an instance or disk. */
  autoSnapshots: (session: AwsSession, region: string, resourceName: string) =>
    queryOptions({
      queryKey: queryKeys.autoSnapshots(region, resourceName),
      queryFn: ({ signal }) => getAutoSnapshots(session, region, resourceName, signal),
      staleTime: 300_000,
    }),
}
