// What the URL asks to see, checked once: the boot code uses it to start the first request early, the App to render.
import type { AppConfig } from './config/config.ts'
import { nameProblem } from './lib/names.ts'
import { REGION_PATTERN } from './lib/relay-rules.ts'
import { offeredRegions } from './lib/regions.ts'
import { parseView, type ParsedView, type SnapshotKind } from './lib/url.ts'

export type ResolvedView =
  /** One snapshot: an instance snapshot (`snapshot=`) or a disk snapshot (`diskSnapshot=`). */
  | { kind: 'detail'; resource: SnapshotKind; region: string; name: string }
  /** Every snapshot: of every region the account can use, or of `region` only. */
  | { kind: 'inventory'; region?: string }
  | { kind: 'bad-region'; region: string; problem: string }
  | { kind: 'bad-name'; region: string; name: string; problem: string }

export interface View {
  url: ParsedView
  resolved: ResolvedView
  /** The regions the UI offers (config.json's, or every Lightsail region). */
  regions: string[]
  /** The region a form starts on: the link's, or config.json's default. */
  region: string
}

export function resolveView(search: string, config: AppConfig): View {
  const url = parseView(search)
  const regions = offeredRegions(config.regions)
  const region = url.region ?? config.defaultRegion
  const view = (resolved: ResolvedView): View => ({ url, regions, region, resolved })
  const named = url.snapshot ?? url.diskSnapshot
  if (url.region !== undefined || named !== undefined) {
    const regionProblem = !REGION_PATTERN.test(region)
      ? `"${region}" is not a region name. Region names look like us-east-2.`
      : !regions.includes(region)
        ? `${region} is not a Lightsail region this dashboard knows. It offers: ${regions.join(', ')}.`
        : undefined
    if (regionProblem) return view({ kind: 'bad-region', region, problem: regionProblem })
  }
  if (named === undefined) return view({ kind: 'inventory', ...(url.region ? { region: url.region } : {}) })
  if (url.snapshot !== undefined && url.diskSnapshot !== undefined) {
    return view({ kind: 'bad-name', region, name: named, problem: 'A link opens one snapshot: it names snapshot= (an instance snapshot) or diskSnapshot= (a disk snapshot), not both.' })
  }
  const problem = nameProblem(named)
  if (problem) return view({ kind: 'bad-name', region, name: named, problem })
  return view({ kind: 'detail', resource: url.snapshot !== undefined ? 'instance' : 'disk', region, name: named })
}
