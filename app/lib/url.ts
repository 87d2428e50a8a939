// The URL is the state a teammate receives: ?region=us-east-2&snapshot=web-1-backup[&theme=dark][&embed=1].
import { useSyncExternalStore } from 'react'

export type Theme = 'light' | 'dark'

export interface ViewState {
  region?: string
  snapshot?: string
  theme?: Theme
  embed?: boolean
}

export interface ParsedView extends ViewState {
  /** Parameters that were present but not understood, in words. */
  problems: string[]
}

const KNOWN = new Set(['region', 'snapshot', 'theme', 'embed'])

export function parseView(search: string): ParsedView {
  const params = new URLSearchParams(search)
  const problems: string[] = []
  const theme = params.get('theme')
  if (theme !== null && theme !== 'light' && theme !== 'dark') problems.push(`theme "${theme}" is not light or dark; following the system theme.`)
  for (const key of params.keys()) if (!KNOWN.has(key)) problems.push(`The parameter "${key}" is not one Snapshot Lens knows; it was ignored.`)
  const text = (key: string) => {
    const value = params.get(key)
    return value === null || value.trim() === '' ? undefined : value.trim()
  }
  return {
    region: text('region'),
    snapshot: text('snapshot'),
    theme: theme === 'light' || theme === 'dark' ? theme : undefined,
    embed: params.get('embed') === '1',
    problems: [...new Set(problems)],
  }
}

/** Builds the query string; parameters keep a stable order so links compare equal. */
export function viewToSearch(view: ViewState): string {
  const params = new URLSearchParams()
  if (view.region) params.set('region', view.region)
  if (view.snapshot) params.set('snapshot', view.snapshot)
  if (view.theme) params.set('theme', view.theme)
  if (view.embed) params.set('embed', '1')
  const text = params.toString()
  return text ? `?${text}` : ''
}

const NAVIGATE = 'snapshot-lens:navigate'

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

export function navigate(view: ViewState, { replace = false } = {}): void {
  const url = `${window.location.pathname}${viewToSearch(view)}`
  if (url === `${window.location.pathname}${window.location.search}`) return
  if (replace) window.history.replaceState(null, '', url)
  else window.history.pushState(null, '', url)
  window.dispatchEvent(new Event(NAVIGATE))
}
