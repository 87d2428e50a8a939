// Every query key, from one factory: what a query reads is in its key, so two regions' "web-1-backup" never share a
// cache entry, and a region's keys can be invalidated together.
export const queryKeys = {
  all: () => ['lightsail'] as const,
  /** The regions Lightsail offers, as asked in one region (any region answers for all). */
  regions: (askedIn: string) => [...queryKeys.all(), askedIn, 'regions'] as const,
  region: (region: string) => [...queryKeys.all(), region] as const,
  snapshot: (region: string, name: string) => [...queryKeys.region(region), 'instanceSnapshot', name] as const,
  snapshots: (region: string) => [...queryKeys.region(region), 'instanceSnapshots'] as const,
  diskSnapshot: (region: string, name: string) => [...queryKeys.region(region), 'diskSnapshot', name] as const,
  diskSnapshots: (region: string) => [...queryKeys.region(region), 'diskSnapshots'] as const,
  /** Every operation Lightsail keeps for one resource (a snapshot, an instance, a disk). */
  operations: (region: string, resourceName: string) => [...queryKeys.region(region), 'operationsForResource', resourceName] as const,
  instance: (region: string, name: string) => [...queryKeys.region(region), 'instance', name] as const,
  /** The names of a region's instances now. */
  instances: (region: string) => [...queryKeys.region(region), 'instances'] as const,
  autoSnapshots: (region: string, resourceName: string) => [...queryKeys.region(region), 'autoSnapshots', resourceName] as const,
  /** The restore commands' choices: the regions with their Availability Zones, and the bundles (active and not). */
  regionsWithZones: (askedIn: string) => [...queryKeys.regions(askedIn), 'withZones'] as const,
  bundles: (region: string) => [...queryKeys.region(region), 'bundles'] as const,
}
