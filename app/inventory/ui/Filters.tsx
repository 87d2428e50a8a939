// The inventory's filters, sort and grouping. Each lives in the URL (so the filtered list is a link too); typing
// rewrites the current history entry rather than adding one per keystroke.
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react'
import { navigate, parseView, SORT_KEYS, type Sort, type SortKey, type ViewState } from '../../lib/url.ts'

const SORT_LABELS: Record<SortKey, [string, string]> = {
  name: ['Name, A to Z', 'Name, Z to A'],
  kind: ['Disk snapshots first', 'Instance snapshots first'],
  state: ['State, A to Z', 'State, Z to A'],
  instance: ['Source instance, A to Z', 'Source instance, Z to A'],
  created: ['Oldest first', 'Newest first'],
  size: ['Smallest first', 'Largest first'],
  cost: ['Cheapest first', 'Costliest first'],
  origin: ['Taken by hand first', 'Automatic first'],
  region: ['Region, A to Z', 'Region, Z to A'],
  tags: ['Fewest tags first', 'Most tags first'],
}

export const DEFAULT_SORT: Sort = { key: 'created', descending: true }

/** The states Lightsail reports for instance and disk snapshots (a link may name another; it is offered too). */
const STATES = ['available', 'completed', 'error', 'pending']

/** Runs the latest function given to it once the next frame is painted, so a keystroke paints before the URL (and the
 * list) follow it; a newer keystroke replaces a write still waiting. */
function useAfterPaint(): (run: () => void) => void {
  const pending = useRef<{ frame: number; channel?: MessageChannel }>(undefined)
  useEffect(
    () => () => {
      if (pending.current) cancelAnimationFrame(pending.current.frame)
      pending.current?.channel?.port1.close()
    },
    [],
  )
  return useCallback((run: () => void) => {
    if (pending.current) cancelAnimationFrame(pending.current.frame)
    pending.current?.channel?.port1.close()
    const next: { frame: number; channel?: MessageChannel } = { frame: 0 }
    next.frame = requestAnimationFrame(() => {
      const channel = new MessageChannel()
      next.channel = channel
      channel.port1.onmessage = () => {
        channel.port1.close()
        if (pending.current === next) pending.current = undefined
        run()
      }
      channel.port2.postMessage(null)
    })
    pending.current = next
  }, [])
}

/**
 * A text filter: what is typed shows at once and goes to the URL after the frame is painted. The URL's value wins
 * when it changes from elsewhere (back, a chart's link, "Clear filters"); the app's own write of the same text, trimmed,
 * leaves what was typed alone.
 */
function useTextFilter(fromUrl: string | undefined, write: (value: string | undefined) => void, later: (run: () => void) => void) {
  const [text, setText] = useState(fromUrl ?? '')
  const [seen, setSeen] = useState(fromUrl)
  if (fromUrl !== seen) {
    setSeen(fromUrl)
    if ((fromUrl ?? '') !== text.trim()) setText(fromUrl ?? '')
  }
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value
    setText(value)
    later(() => write(value.trim() === '' ? undefined : value.trim()))
  }
  return { value: text, onChange }
}

export function Filters({ view }: { view: ViewState }) {
  const states = view.state && !STATES.includes(view.state) ? [...STATES, view.state] : STATES
  // Each write starts from the URL as it is then, so writes waiting for a frame never undo one another.
  const set = (change: Partial<ViewState>) => navigate({ ...parseView(window.location.search), snapshot: undefined, diskSnapshot: undefined, ...change }, { replace: true })
  const later = useAfterPaint()
  const q = useTextFilter(view.q, (value) => set({ q: value }), later)
  const instance = useTextFilter(view.instance, (value) => set({ instance: value }), later)
  const tag = useTextFilter(view.tag, (value) => set({ tag: value }), later)
  const age = useTextFilter(view.olderThan === undefined ? undefined : String(view.olderThan), (value) => {
    const days = Number(value)
    set({ olderThan: value !== undefined && Number.isInteger(days) && days >= 1 && days <= 9999 ? days : undefined })
  }, later)
  const sort = view.sort ?? DEFAULT_SORT
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim())
  const filtered = view.q || view.kind || view.state || view.origin || view.instance || view.tag || view.olderThan

  return (
    <form className="filters" role="search" aria-label="Filter the snapshots" onSubmit={(e) => e.preventDefault()}>
      <div className="field field-grow">
        <label htmlFor="filter-q">Search</label>
        <input
          id="filter-q"
          type="search"
          placeholder="name, instance, tag"
          autoComplete="off"
          spellCheck={false}
          {...q}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-kind">Kind</label>
        <select id="filter-kind" value={view.kind ?? ''} onChange={(e) => set({ kind: (optional(e.target.value) as ViewState['kind']) ?? undefined })}>
          <option value="">Instance and disk</option>
          <option value="instance">Instance snapshots</option>
          <option value="disk">Disk snapshots</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-state">State</label>
        <select id="filter-state" value={view.state ?? ''} onChange={(e) => set({ state: optional(e.target.value) })}>
          <option value="">Any state</option>
          {states.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-origin">Kept from</label>
        <select id="filter-origin" value={view.origin ?? ''} onChange={(e) => set({ origin: (optional(e.target.value) as ViewState['origin']) ?? undefined })}>
          <option value="">Either</option>
          <option value="auto">An automatic snapshot</option>
          <option value="manual">Taken by hand</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-instance">Source instance</label>
        <input id="filter-instance" autoComplete="off" spellCheck={false} {...instance} />
      </div>
      <div className="field">
        <label htmlFor="filter-tag">Tag</label>
        <input id="filter-tag" placeholder="key or key=value" autoComplete="off" spellCheck={false} {...tag} />
      </div>
      <div className="field field-narrow">
        <label htmlFor="filter-age">Older than (days)</label>
        <input
          id="filter-age"
          type="number"
          min={1}
          max={9999}
          inputMode="numeric"
          {...age}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-sort">Sort by</label>
        <select
          id="filter-sort"
          value={`${sort.descending ? '-' : ''}${sort.key}`}
          onChange={(e) => {
            const key = e.target.value.replace(/^-/, '') as SortKey
            set({ sort: { key, descending: e.target.value.startsWith('-') } })
          }}
        >
          {SORT_KEYS.flatMap((key) => [
            <option key={key} value={key}>
              {SORT_LABELS[key][0]}
            </option>,
            <option key={`-${key}`} value={`-${key}`}>
              {SORT_LABELS[key][1]}
            </option>,
          ])}
        </select>
      </div>
      <div className="field field-check">
        <input id="filter-group" type="checkbox" checked={view.group === 'instance'} onChange={(e) => set({ group: e.target.checked ? 'instance' : undefined })} />
        <label htmlFor="filter-group">Group by source instance</label>
      </div>
      {filtered ? (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            set({ q: undefined, kind: undefined, state: undefined, origin: undefined, instance: undefined, tag: undefined, olderThan: undefined })
          }}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  )
}
