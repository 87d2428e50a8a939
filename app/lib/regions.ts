// The Lightsail regions, defined once: where Lightsail answers (botocore's endpoint data lists a lightsail endpoint in
// exactly these; app/lib/regions.test.ts holds the two together), with the names people know them by. The UI offers
// them when config.json names none, the relays forward to them and to no other region (dev relay, nginx, CloudFront),
// and the inventory covers them when GetRegions is not allowed. The API's RegionName enum names more (ap-east-1,
// eu-south-2, sa-east-1, and the SDK's lists us-west-1): none of them has a Lightsail endpoint.
export const LIGHTSAIL_REGIONS: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-2': 'US West (Oregon)',
  'ca-central-1': 'Canada (Central)',
  'eu-west-1': 'Europe (Ireland)',
  'eu-west-2': 'Europe (London)',
  'eu-west-3': 'Europe (Paris)',
  'eu-central-1': 'Europe (Frankfurt)',
  'eu-north-1': 'Europe (Stockholm)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-southeast-3': 'Asia Pacific (Jakarta)',
  'ap-southeast-5': 'Asia Pacific (Malaysia)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
}

/**
 * Regions an account must enable before it can use them (AWS: every region launched after 20 March 2019). Calls to one
 * that is not enabled fail, so the inventory asks them only once GetRegions lists them, or when config.json names them.
 */
export const OPT_IN_REGIONS: readonly string[] = ['ap-southeast-3', 'ap-southeast-5']

export function isLightsailRegion(region: string): boolean {
  return Object.hasOwn(LIGHTSAIL_REGIONS, region)
}

export function regionLabel(region: string): string {
  const name = isLightsailRegion(region) ? LIGHTSAIL_REGIONS[region] : undefined
  return name ? `${name} · ${region}` : region
}

/** The regions a link or a form may name: config.json's, or every Lightsail region. */
export function offeredRegions(configured: readonly string[]): string[] {
  return configured.length > 0 ? [...configured] : Object.keys(LIGHTSAIL_REGIONS)
}

/**
 * The regions the inventory asks. Once GetRegions has answered (`listed`), the offered regions it lists; before, or
 * when it is not allowed, the offered regions but the opt-in ones, unless config.json names them itself.
 */
export function inventoryRegions(configured: readonly string[], listed?: readonly string[]): string[] {
  const offered = offeredRegions(configured)
  if (listed) return offered.filter((region) => listed.includes(region))
  return configured.length > 0 ? offered : offered.filter((region) => !OPT_IN_REGIONS.includes(region))
}
