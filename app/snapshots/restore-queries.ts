// Queries for the restore commands' choices. Bundles and zones change rarely: read once an hour at most. Each fails
// alone, and the section says which action its role lacks.
import { queryOptions } from '@tanstack/react-query'
import { getBundles, getRegionsWithZones } from '../aws/restore.ts'
import type { AwsSession } from '../aws/session.ts'
import { queryKeys } from '../query-keys.ts'

export const restoreQueries = {
  bundles: (session: AwsSession, region: string) =>
    queryOptions({
      queryKey: queryKeys.bundles(region),
      queryFn: ({ signal }) => getBundles(session, region, signal),
      staleTime: 3_600_000,
    }),
  /** The regions the account can use and their zones, asked in the snapshot's region. */
  regions: (session: AwsSession, askedIn: string) =>
    queryOptions({
      queryKey: queryKeys.regionsWithZones(askedIn),
      queryFn: ({ signal }) => getRegionsWithZones(session, askedIn, signal),
      staleTime: 3_600_000,
    }),
}
