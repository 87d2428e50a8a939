// The inventory's queries: which regions to cover, and each region's snapshots, page by page. Keys come from the one
// factory; a region's rows show as each page arrives (a streamed query), and a refresh keeps them until it is done.
import { experimental_streamedQuery as streamedQuery, queryOptions } from '@tanstack/react-query'
import { instanceSnapshotPages } from '../aws/inventory.ts'
import type { AwsSession } from '../aws/session.ts'
import { queryKeys } from '../query-keys.ts'
import { toDiskRow, toRow, type Row } from './model.ts'

async function* rowPages(session: AwsSession, region: string, signal: AbortSignal): AsyncGenerator<Row[]> {
  for await (const page of instanceSnapshotPages(session, region, signal)) yield page.map((s) => toRow(region, s))
}

/** Disk snapshots are asked after the home region's first rows: their code loads then, not with the list. */
async function* diskRowPages(session: AwsSession, region: string, signal: AbortSignal): AsyncGenerator<Row[]> {
  const { diskSnapshotPages, diskSnapshotProblem } = await import('../aws/disk-snapshots.ts')
  for await (const page of diskSnapshotPages(session, region, signal)) yield page.map((s) => toDiskRow(region, s, diskSnapshotProblem(s)))
}

/**
 * The region asked first, alone: the home region (config.defaultRegion) when it is among those offered. Its answer is
 * read and painted without the other regions' requests competing for the page's thread.
 */
export function leadRegion(regions: readonly string[], home: string): string | undefined {
  return regions.includes(home) ? home : regions[0]
}

export const inventoryQueries = {
  /** The regions Lightsail offers, asked in `askIn`. A failure (not allowed, say) leaves the built-in list. */
  regions: (session: AwsSession, askIn: string) =>
    queryOptions({
      queryKey: queryKeys.regions(askIn),
      queryFn: async ({ signal }) => (await import('../aws/regions.ts')).getRegions(session, askIn, signal),
      staleTime: 3_600_000,
      retry: false,
    }),
  /** One region's instance snapshots as rows, in pages: each page arrives as one chunk of the data. */
  region: (session: AwsSession, region: string) =>
    queryOptions({
      queryKey: queryKeys.snapshots(region),
      queryFn: streamedQuery({ streamFn: ({ signal }) => rowPages(session, region, signal), refetchMode: 'replace' }),
      staleTime: 60_000,
    }),
  /** The instances a region has now: asked by the clean-up view only. */
  instances: (session: AwsSession, region: string) =>
    queryOptions({
      queryKey: queryKeys.instances(region),
      queryFn: async ({ signal }) => (await import('../aws/instances.ts')).instanceNames(session, region, signal),
      staleTime: 60_000,
    }),
  /** One region's disk snapshots as rows, the same way. */
  diskRegion: (session: AwsSession, region: string) =>
    queryOptions({
      queryKey: queryKeys.diskSnapshots(region),
      queryFn: streamedQuery({ streamFn: ({ signal }) => diskRowPages(session, region, signal), refetchMode: 'replace' }),
      staleTime: 60_000,
    }),
}
