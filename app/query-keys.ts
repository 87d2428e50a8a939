// Every query key, from one factory: what a query reads is in its key, so two regions' "web-1-backup" never share a
// cache entry, and a region's keys can be invalidated together.
export const queryKeys = {
  all: () => ['lightsail'] as const,
  /** The regions Lightsail offers, as asked in one region (any region answers for all). */
  regions: (askedIn: string) => [...queryKeys.all(), askedIn, 'regions'] as const,
  region: (region: string) => [...queryKeys.all(), region] as const,
  snapshot: (region: string, name: string) => [...queryKeys.region(region), 'instanceSnapshot', name] as const,
  snapshots: (region: string) => [...queryKeys.region(region), 'instanceSnapshots'] as const,
}
