import { queryOptions } from '@tanstack/react-query'
import { getInstanceSnapshot } from '../aws/snapshots.ts'

export const snapshotKeys = {
  all: () => ['lightsail'] as const,
  region: (region: string) => [...snapshotKeys.all(), region] as const,
  detail: (region: string, name: string) => [...snapshotKeys.region(region), 'instanceSnapshot', name] as const,
}

export const snapshotQueries = {
  detail: (region: string, name: string) =>
    queryOptions({
      queryKey: snapshotKeys.detail(region, name),
      queryFn: ({ signal }) => getInstanceSnapshot(region, name, signal),
    }),
}
