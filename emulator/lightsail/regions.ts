// GetRegions, and the regions the emulator serves: where botocore's endpoint data says Lightsail answers.
import type { Store } from '../store.ts'
import type { Handlers } from './routes.ts'

export interface RegionInfo {
  name: string
  displayName: string
  continentCode: string
  description: string
  /** An opt-in region: an account answers for it only once enabled. */
  optIn?: boolean
}

export const REGIONS: RegionInfo[] = (
  [
    ['us-east-1', 'Virginia', 'NA'], ['us-east-2', 'Ohio', 'NA'], ['us-west-2', 'Oregon', 'NA'],
    ['ca-central-1', 'Canada', 'NA'], ['eu-west-1', 'Ireland', 'EU'], ['eu-west-2', 'London', 'EU'],
    ['eu-west-3', 'Paris', 'EU'], ['eu-central-1', 'Frankfurt', 'EU'], ['eu-north-1', 'Stockholm', 'EU'],
    ['ap-south-1', 'Mumbai', 'AS'], ['ap-southeast-1', 'Singapore', 'AS'], ['ap-southeast-2', 'Sydney', 'AU'],
    ['ap-southeast-3', 'Jakarta', 'AS', true], ['ap-northeast-1', 'Tokyo', 'AS'], ['ap-northeast-2', 'Seoul', 'AS'],
    ['ap-southeast-5', 'Malaysia', 'AS', true],
  ] as const
).map(([name, displayName, continentCode, optIn]) => ({
  name, displayName, continentCode,
  description: `This region is recommended to serve users in ${displayName}`,
  ...(optIn ? { optIn: true } : {}),
}))

/** The Availability Zones of a region where Lightsail offers instances and disks (every region has three here). */
export function availabilityZones(region: string): string[] {
  return ['a', 'b', 'c'].map((z) => `${region}${z}`)
}

/** The regions this account answers in: every region but the opt-in ones it has not enabled. */
export function enabledRegions(store: Store): RegionInfo[] {
  return REGIONS.filter((r) => !store.regionDisabled(r.name))
}

export const regionHandlers: Handlers = {
  GetRegions(store, _region, input) {
    const zones = input.includeAvailabilityZones === true
    return {
      regions: enabledRegions(store).map(({ optIn: _optIn, ...r }) => ({
        ...r,
        availabilityZones: zones ? availabilityZones(r.name).map((zoneName) => ({ zoneName, state: 'available' })) : [],
        relationalDatabaseAvailabilityZones: [],
      })),
    }
  },
}
