// The region list against the outside oracle: botocore's endpoint data, which says where Lightsail answers.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { inventoryRegions, isLightsailRegion, LIGHTSAIL_REGIONS, offeredRegions, OPT_IN_REGIONS, regionLabel } from './regions.ts'

/** botocore's data/endpoints.json, read by the Python that the AWS CLI runs on (installed here and in CI). */
function botocoreEndpoints(): { partitions: { partition: string; regions: Record<string, { description: string }>; services: Record<string, { endpoints: Record<string, unknown> }> }[] } {
  const script = 'import botocore, json, os; print(open(os.path.join(os.path.dirname(botocore.__file__), "data", "endpoints.json")).read())'
  return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }))
}

describe('the Lightsail regions', () => {
  const endpoints = botocoreEndpoints()
  const aws = endpoints.partitions.find((p) => p.partition === 'aws')!

  it('are exactly the regions where botocore lists a Lightsail endpoint, in every partition', () => {
    const answering = endpoints.partitions.flatMap((p) => Object.keys(p.services.lightsail?.endpoints ?? {})).sort()
    expect(Object.keys(LIGHTSAIL_REGIONS).sort()).toEqual(answering)
    expect(answering).toHaveLength(16)
    for (const gone of ['ap-east-1', 'eu-south-2', 'sa-east-1', 'us-west-1']) expect(isLightsailRegion(gone), gone).toBe(false)
  })

  it('carry the names AWS gives them', () => {
    const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    for (const [region, name] of Object.entries(LIGHTSAIL_REGIONS)) expect(plain(name), region).toBe(plain(aws.regions[region]!.description))
    expect(regionLabel('us-east-2')).toBe('US East (Ohio) · us-east-2')
    expect(regionLabel('sa-east-1')).toBe('sa-east-1')
    // An inherited name is not a region.
    expect(regionLabel('constructor')).toBe('constructor')
    expect(isLightsailRegion('toString')).toBe(false)
  })

  it('mark the opt-in ones, which are Lightsail regions', () => {
    for (const region of OPT_IN_REGIONS) expect(isLightsailRegion(region), region).toBe(true)
  })
})

describe('which regions are offered and asked', () => {
  it('offers config.json\'s regions, or every Lightsail region', () => {
    expect(offeredRegions(['eu-west-1', 'us-east-2'])).toEqual(['eu-west-1', 'us-east-2'])
    expect(offeredRegions([])).toEqual(Object.keys(LIGHTSAIL_REGIONS))
  })

  it('asks opt-in regions only once GetRegions lists them, or when config.json names them', () => {
    const before = inventoryRegions([])
    expect(before).toHaveLength(14)
    for (const region of OPT_IN_REGIONS) expect(before).not.toContain(region)
    // GetRegions of an account that enabled Jakarta, and not Malaysia.
    const listed = ['us-east-1', 'us-east-2', 'ap-southeast-3', 'sa-east-1']
    expect(inventoryRegions([], listed)).toEqual(['us-east-1', 'us-east-2', 'ap-southeast-3'])
    expect(inventoryRegions(['ap-southeast-5', 'us-east-2'])).toEqual(['ap-southeast-5', 'us-east-2'])
    expect(inventoryRegions(['ap-southeast-5', 'us-east-2'], listed)).toEqual(['us-east-2'])
  })
})
