// The Lightsail regions the UI offers when config.json names none (and the inventory covers when GetRegions is not
// allowed), with the names people know them by: the SDK's region names without us-west-1, which has no Lightsail.
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
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'ap-southeast-5': 'Asia Pacific (Malaysia)',
  'eu-south-2': 'Europe (Spain)',
  'sa-east-1': 'South America (São Paulo)',
}

export function regionLabel(region: string): string {
  const name = LIGHTSAIL_REGIONS[region]
  return name ? `${name} · ${region}` : region
}

export function offeredRegions(configured: readonly string[]): string[] {
  return configured.length > 0 ? [...configured] : Object.keys(LIGHTSAIL_REGIONS)
}
