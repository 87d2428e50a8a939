// What the URL asks to see, checked once: the boot code uses it to start the first request early, the App to render.
import type { AppConfig } from './config/config.ts'
import { nameProblem } from './lib/names.ts'
import { REGION_PATTERN } from './lib/relay-rules.ts'
import { offeredRegions } from './lib/regions.ts'
import { parseView, type ParsedView } from './lib/url.ts'

export type ResolvedView =
  | { kind: 'detail'; region: string; name: string }
  | { kind: 'inventory'; region: string }
  | { kind: 'bad-region'; region: string; problem: string }
  | { kind: 'bad-name'; region: string; name: string; problem: string }

export interface View {
  url: ParsedView & { region: string }
  resolved: ResolvedView
  regions: string[]
}

export function resolveView(search: string, config: AppConfig): View {
  const parsed = parseView(search)
  const regions = offeredRegions(config.regions)
  const region = parsed.region ?? config.defaultRegion
  const url = { ...parsed, region }
  const regionProblem = !REGION_PATTERN.test(region)
    ? `"${region}" is not a region name. Region names look like us-east-2.`
    : !regions.includes(region)
      ? `${region} is not a Lightsail region this dashboard knows. It offers: ${regions.join(', ')}.`
      : undefined
  if (regionProblem) return { url, regions, resolved: { kind: 'bad-region', region, problem: regionProblem } }
  if (!parsed.snapshot) return { url, regions, resolved: { kind: 'inventory', region } }
  const problem = nameProblem(parsed.snapshot)
  if (problem) return { url, regions, resolved: { kind: 'bad-name', region, name: parsed.snapshot, problem } }
  return { url, regions, resolved: { kind: 'detail', region, name: parsed.snapshot } }
}
