// The URL is the state a teammate receives. Every parameter is declared once below (its name, how it reads and how it
// is written); parsing, writing, and the list of known parameters all come from that one table.
//   ?region=us-east-2&snapshot=web-1-backup[&theme=dark][&embed=1]     one instance snapshot
//   ?region=us-east-2&diskSnapshot=web-1-media-weekly                   one disk snapshot
//   [?region=us-east-2][&q=web&kind=disk&state=pending&origin=manual&instance=web-1&tag=env=prod&olderThan=90
//    &sort=-created&group=instance]                                     the inventory, filtered and sorted
//   ?view=cleanup[&orphaned=1&kept=1&keep=3&olderThan=90][&…filters]    the clean-up candidates, by rule
//   &use=new-instance&instanceName=…&zone=…&bundle=…[&auto=2026-11-30]  a prepared command on a snapshot's page
import { useSyncExternalStore } from 'react'

export type Theme = 'light' | 'dark'

/** Columns the inventory can sort by; `-` in front sorts descending. */
export const SORT_KEYS = ['name', 'kind', 'state', 'instance', 'created', 'size', 'cost', 'origin', 'region', 'tags'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export type Sort = { key: SortKey; descending: boolean }

/** An instance snapshot (a whole instance and its attached disks) or a block storage disk snapshot. */
export type SnapshotKind = 'instance' | 'disk'

export interface InventoryFilters {
  /** Free text: name, source instance, tag key or value. */
  q?: string
  kind?: SnapshotKind
  state?: string
  /** Kept from an automatic snapshot, or taken by hand. */
  origin?: 'auto' | 'manual'
  instance?: string
  /** `key` or `key=value`. */
  tag?: string
  /** Older than this many days. */
  olderThan?: number
  sort?: Sort
  group?: 'instance'
  /** The clean-up view, and its rules (app/inventory/cleanup.ts). */
  view?: 'cleanup'
  orphaned?: boolean
  kept?: boolean
  keep?: number
}

/** What a snapshot's page prepares a command for: "Use this snapshot" (docs/restore.md). */
export const RESTORE_USES = ['new-instance', 'copy', 'export', 'keep', 'new-disk'] as const
export type RestoreUse = (typeof RESTORE_USES)[number]

/** The choices of a prepared command, each its own parameter, so a teammate's link opens the same command. */
export interface RestoreChoices {
  use?: RestoreUse
  instanceName?: string
  zone?: string
  bundle?: string
  targetRegion?: string
  targetName?: string
  diskName?: string
  sizeInGb?: number
  /** An automatic snapshot of the snapshot's source instance, by its date (`YYYY-MM-DD`), or `latest`. */
  auto?: string
}

export interface ViewState extends InventoryFilters, RestoreChoices {
  region?: string
  snapshot?: string
  diskSnapshot?: string
  theme?: Theme
  embed?: boolean
}

export interface ParsedView extends ViewState {
  /** Parameters that were present but not understood, in words. */
  problems: string[]
}

interface Parameter<K extends keyof ViewState> {
  key: K
  /** The value, or a problem in words (the parameter is then ignored). */
  read(value: string): { value: ViewState[K] } | { problem: string }
  write(value: NonNullable<ViewState[K]>): string
}

const text = (max: number) => (value: string) =>
  value.length > max ? { problem: `is longer than ${max} characters` } : { value }

function param<K extends keyof ViewState>(key: K, read: Parameter<K>['read'], write: Parameter<K>['write'] = String): Parameter<K> {
  return { key, read, write }
}

/** The declared parameters, in the order links are written. */
const PARAMETERS = [
  param('region', text(40)),
  param('snapshot', text(255)),
  param('diskSnapshot', text(255)),
  param('q', text(200)),
  param('kind', (v) => (v === 'instance' || v === 'disk' ? { value: v } : { problem: 'is not instance or disk' })),
  param('state', (v) => (/^[a-z][a-z-]{0,30}$/.test(v) ? { value: v } : { problem: 'is not a snapshot state such as available or pending' })),
  param('origin', (v) => (v === 'auto' || v === 'manual' ? { value: v } : { problem: 'is not auto or manual' })),
  param('instance', text(255)),
  param('tag', text(256)),
  param(
    'olderThan',
    (v) => (/^\d{1,4}$/.test(v) && Number(v) >= 1 ? { value: Number(v) } : { problem: 'is not a number of days from 1 to 9999' }),
    (v) => String(v),
  ),
  param(
    'sort',
    (v) => {
      const key = v.replace(/^-/, '') as SortKey
      return SORT_KEYS.includes(key) ? { value: { key, descending: v.startsWith('-') } } : { problem: `is not one of ${SORT_KEYS.join(', ')} (with - in front for descending)` }
    },
    (v) => `${v.descending ? '-' : ''}${v.key}`,
  ),
  param('group', (v) => (v === 'instance' ? { value: 'instance' as const } : { problem: 'is not instance' })),
  param('view', (v) => (v === 'cleanup' ? { value: 'cleanup' as const } : { problem: 'is not cleanup' })),
  param('orphaned', (v) => (v === '1' ? { value: true } : { problem: 'is not 1' }), () => '1'),
  param('kept', (v) => (v === '1' ? { value: true } : { problem: 'is not 1' }), () => '1'),
  param(
    'keep',
    (v) => (/^\d{1,3}$/.test(v) ? { value: Number(v) } : { problem: 'is not a number of snapshots from 0 to 999' }),
    (v) => String(v),
  ),
  param('use', (v) => ((RESTORE_USES as readonly string[]).includes(v) ? { value: v as RestoreUse } : { problem: `is not one of ${RESTORE_USES.join(', ')}` })),
  param('instanceName', text(255)),
  param('zone', text(40)),
  param('bundle', text(40)),
  param('targetRegion', text(40)),
  param('targetName', text(255)),
  param('diskName', text(255)),
  param('sizeInGb', (v) => (/^\d{1,6}$/.test(v) ? { value: Number(v) } : { problem: 'is not a whole number of GB' })),
  param('auto', (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) || v === 'latest' ? { value: v } : { problem: 'is not the date of an automatic snapshot (YYYY-MM-DD) or latest' })),
  param('theme', (v) => (v === 'light' || v === 'dark' ? { value: v } : { problem: 'is not light or dark; following the system theme' })),
  param(
    'embed',
    (v) => (v === '1' ? { value: true } : { problem: 'is not 1' }),
    () => '1',
  ),
] as const

/** Read once at boot, not part of a view: the embedding diagnostics panel (docs/embedding.md). */
export const BOOT_PARAMETERS = ['embed-debug'] as const

const KNOWN = new Set<string>([...PARAMETERS.map((p) => p.key), ...BOOT_PARAMETERS])

export function parseView(search: string): ParsedView {
  const params = new URLSearchParams(search)
  const problems: string[] = []
  const view: ViewState = {}
  for (const p of PARAMETERS) {
    const raw = params.get(p.key)?.trim()
    if (raw === undefined || raw === '') continue
    const read = (p as Parameter<keyof ViewState>).read(raw)
    if ('problem' in read) problems.push(p.key === 'theme' ? `theme "${raw}" ${read.problem}.` : `The parameter ${p.key} "${raw.slice(0, 60)}" ${read.problem}; it was ignored.`)
    else (view as Record<string, unknown>)[p.key] = read.value
  }
  for (const key of params.keys()) if (!KNOWN.has(key)) problems.push(`The parameter "${key}" is not one Snapshot Lens knows; it was ignored.`)
  return { ...view, embed: view.embed ?? false, problems: [...new Set(problems)] }
}

/** Builds the query string; parameters keep a stable order so links compare equal. */
export function viewToSearch(view: ViewState): string {
  const params = new URLSearchParams()
  for (const p of PARAMETERS) {
    const value = view[p.key]
    if (value === undefined || value === false || value === '') continue
    params.set(p.key, (p as Parameter<keyof ViewState>).write(value as never))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** The inventory's part of a view: its filters, sort and grouping, and nothing else. */
export function inventoryPart(view: ViewState): InventoryFilters & Pick<ViewState, 'region'> {
  const { q, kind, state, origin, instance, tag, olderThan, sort, group, region, view: page, orphaned, kept, keep } = view
  return { q, kind, state, origin, instance, tag, olderThan, sort, group, region, view: page, orphaned, kept, keep }
}

/** The link to the current view outside any portal: the same parameters without `embed`. */
export function standaloneLink(location: Pick<Location, 'origin' | 'pathname' | 'search'> = window.location): string {
  const { problems: _problems, ...view } = parseView(location.search)
  return `${location.origin}${location.pathname}${viewToSearch({ ...view, embed: undefined })}`
}

/** Fired on `window` whenever `navigate` changes the URL (history.pushState fires nothing). */
export const NAVIGATE = 'snapshot-lens:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE, onChange)
  }
}

/** The current query string, re-rendering on back, forward and `navigate`. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search)
}

/**
 * Shows `view`. `replace` rewrites the current history entry (typing in a filter); `state` rides along in the history
 * entry (the inventory a detail page was opened from, for its "back to the inventory" link).
 */
export function navigate(view: ViewState, { replace = false, state }: { replace?: boolean; state?: unknown } = {}): void {
  const url = `${window.location.pathname}${viewToSearch(view)}`
  if (url === `${window.location.pathname}${window.location.search}`) return
  if (replace) window.history.replaceState(window.history.state, '', url)
  else window.history.pushState(state ?? null, '', url)
  window.dispatchEvent(new Event(NAVIGATE))
}
