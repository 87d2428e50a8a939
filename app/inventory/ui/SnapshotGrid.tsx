// The inventory's rows as an ARIA grid: one tab stop for the whole table, arrow keys between rows, Enter opens one.
// Only the rows on screen are rendered (@tanstack/react-virtual), so 10,000 snapshots cost a few dozen DOM rows.
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { formatGb, formatUtc } from '../../lib/format.ts'
import { regionLabel } from '../../lib/regions.ts'
import type { Sort, SortKey } from '../../lib/url.ts'
import { loadable } from '../../ui/loadable.tsx'
import { RelativeTime } from '../../ui/RelativeTime.tsx'
import { StatusBadge } from '../../ui/StatusBadge.tsx'
import type { Group, Row } from '../model.ts'

export type Item = { kind: 'row'; row: Row } | { kind: 'group'; group: Group }

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'kind', label: 'Kind' },
  { key: 'state', label: 'State' },
  { key: 'instance', label: 'Source instance' },
  { key: 'created', label: 'Created' },
  { key: 'size', label: 'Size' },
  { key: 'cost', label: 'Per month' },
  { key: 'origin', label: 'Kept from' },
  { key: 'region', label: 'Region and zone' },
  { key: 'tags', label: 'Tags' },
]

/** Rows are 2.75rem (a card of 7.25rem on narrow screens), in CSS pixels at the root font size. */
function rowHeights(narrow: boolean): { row: number; group: number } {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
  return { row: (narrow ? 7.25 : 2.75) * rem, group: 2.75 * rem }
}

/** How the grid shows what a row costs a month ("≤ $4.00": an upper bound), and, in the clean-up view, why it is listed. */
export interface GridExtras {
  money: (row: Row) => string
  why?: (row: Row) => string
}

function useNarrow(): boolean {
  const query = '(max-width: 48rem)'
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches)
  useEffect(() => {
    const list = window.matchMedia(query)
    const onChange = () => setNarrow(list.matches)
    list.addEventListener('change', onChange)
    return () => list.removeEventListener('change', onChange)
  }, [])
  return narrow
}

// A pending row keeps itself current (PendingState.tsx): that code, and the reads it makes, load with the first
// pending row, not with the list.
const PendingState = loadable(
  () => import('./PendingState.tsx').then((m) => m.PendingState),
  ({ row }) => <StatusBadge state={row.state} detail={row.progress} />,
)

const GridRow = memo(function GridRow({
  row,
  index,
  active,
  id,
  pollSeconds,
  onOpen,
  extras,
  live,
}: {
  row: Row
  index: number
  active: boolean
  id: string
  pollSeconds: number
  onOpen: (row: Row) => void
  extras: GridExtras
  /** Pending rows keep themselves current: once the first rows are on screen. */
  live: boolean
}) {
  const exact = row.createdAt === undefined ? undefined : formatUtc(new Date(row.createdAt))
  return (
    <div role="row" id={id} aria-rowindex={index + 2} aria-selected={active} className="grid-row" onClick={() => onOpen(row)}>
      <div role="gridcell" className="cell cell-name">
        <a
          href={`?region=${encodeURIComponent(row.region)}&${row.kind === 'disk' ? 'diskSnapshot' : 'snapshot'}=${encodeURIComponent(row.name)}`}
          tabIndex={-1}
          onClick={(e) => {
            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return e.stopPropagation()
            e.preventDefault()
          }}
        >
          {row.name}
        </a>
      </div>
      <div role="gridcell" className="cell cell-kind">{row.kind === 'disk' ? 'Disk' : 'Instance'}</div>
      <div role="gridcell" className="cell cell-state">
        {row.state !== 'pending' || !live ? (
          <StatusBadge state={row.state} detail={row.progress} />
        ) : (
          <PendingState row={row} pollSeconds={pollSeconds} />
        )}
      </div>
      <div role="gridcell" className="cell cell-instance">
        {row.problem ? <span className="problem" title={row.problem}>{row.problem}</span> : row.instance || (row.kind === 'disk' ? <span className="muted">{row.disk ? `disk ${row.disk}` : 'No instance'}</span> : <span className="muted">Not reported</span>)}
      </div>
      <div role="gridcell" className="cell cell-created">
        {row.createdAt === undefined ? (
          <span className="muted">Not reported</span>
        ) : (
          <time dateTime={new Date(row.createdAt).toISOString()} title={exact}>
            <RelativeTime at={row.createdAt} />
            {active ? <span className="exact"> · {exact}</span> : null}
          </time>
        )}
      </div>
      <div role="gridcell" className="cell cell-size">{formatGb(row.sizeGb)}</div>
      <div role="gridcell" className="cell cell-cost">{extras.money(row)}</div>
      <div role="gridcell" className="cell cell-origin">{row.auto ? 'Automatic snapshot' : 'Taken by hand'}</div>
      <div role="gridcell" className="cell cell-region">
        <span title={regionLabel(row.region)}>{row.region}</span>
        {row.zone && row.zone !== 'all' ? <span className="muted"> · {row.zone}</span> : null}
      </div>
      <div role="gridcell" className="cell cell-tags" aria-label={`${row.tags.length} tag${row.tags.length === 1 ? '' : 's'}`}>
        {row.tags.length}
      </div>
      {extras.why ? (
        <div role="gridcell" className="cell cell-why" title={extras.why(row)}>
          {extras.why(row)}
        </div>
      ) : null}
    </div>
  )
})

export const SnapshotGrid = memo(function SnapshotGrid({
  items,
  label,
  sort,
  onSort,
  onOpen,
  pollSeconds,
  extras,
}: {
  items: Item[]
  label: string
  sort: Sort
  onSort: (key: SortKey) => void
  onOpen: (row: Row) => void
  pollSeconds: number
  extras: GridExtras
}) {
  // The clean-up view shows why in place of the source instance, origin and tags (the reasons name them).
  const columns = extras.why ? COLUMNS.length - 2 : COLUMNS.length
  const scroller = useRef<HTMLDivElement>(null)
  // The first rows paint as they came; pending ones start keeping themselves current in the frame after (after the
  // first rows, not after the grid: it may have mounted before the data came).
  const [live, setLive] = useState(false)
  const hasRows = items.length > 0
  useEffect(() => {
    if (live || !hasRows) return
    const frame = requestAnimationFrame(() => setLive(true))
    return () => cancelAnimationFrame(frame)
  }, [live, hasRows])
  const narrow = useNarrow()
  const [active, setActive] = useState(0)
  const base = useId()
  const heights = useMemo(() => rowHeights(narrow), [narrow])
  // The app does not use the React Compiler, whose memoizing this hook's functions would defeat.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (items[i]?.kind === 'group' ? heights.group : heights.row),
    overscan: 6,
  })
  useEffect(() => virtualizer.measure(), [heights, virtualizer])
  const current = Math.min(active, Math.max(0, items.length - 1))

  const move = (to: number) => {
    const next = Math.max(0, Math.min(items.length - 1, to))
    setActive(next)
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 440) / heights.row) - 1)
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(current + 1),
      ArrowUp: () => move(current - 1),
      PageDown: () => move(current + page),
      PageUp: () => move(current - page),
      Home: () => move(0),
      End: () => move(items.length - 1),
      Enter: () => {
        const item = items[current]
        if (item?.kind === 'row') onOpen(item.row)
      },
    }
    const action = keys[event.key]
    if (!action) return
    event.preventDefault()
    action()
  }

  const rowId = (i: number) => `${base}-row-${i}`
  return (
    <div
      ref={scroller}
      className={`grid${narrow ? ' grid-narrow' : ''}${extras.why ? ' grid-why' : ''}`}
      role="grid"
      aria-label={label}
      aria-rowcount={items.length + 1}
      aria-colcount={columns}
      aria-activedescendant={items.length > 0 ? rowId(current) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="row" aria-rowindex={1} className="grid-row grid-head">
        {COLUMNS.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            className={`cell cell-${c.key === 'origin' ? 'origin' : c.key}`}
            aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
          >
            {/* Mouse users sort here; keyboard users with the "Sort by" control above, so the grid stays one tab stop. */}
            <button type="button" tabIndex={-1} className="sort" onClick={() => onSort(c.key)}>
              {c.label}
              {sort.key === c.key ? <span aria-hidden="true">{sort.descending ? ' ↓' : ' ↑'}</span> : null}
            </button>
          </div>
        ))}
        {extras.why ? (
          <div role="columnheader" className="cell cell-why">
            Why
          </div>
        ) : null}
      </div>
      <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index]!
          const style = { transform: `translateY(${v.start}px)` }
          if (item.kind === 'group') {
            return (
              <div key={`g-${item.group.instance}`} style={style} className="grid-item">
                <div role="row" id={rowId(v.index)} aria-rowindex={v.index + 2} aria-selected={v.index === current} className="grid-row grid-group">
                  <div role="gridcell" aria-colspan={columns} className="cell">
                    <strong>{item.group.instance || 'No source instance'}</strong>
                    <span className="muted">
                      {' '}
                      · {item.group.rows.length} snapshot{item.group.rows.length === 1 ? '' : 's'} · {formatGb(item.group.sizeGb)}
                    </span>
                  </div>
                </div>
              </div>
            )
          }
          return (
            <div key={item.row.key} style={style} className="grid-item">
              <GridRow row={item.row} index={v.index} active={v.index === current} id={rowId(v.index)} pollSeconds={pollSeconds} onOpen={onOpen} extras={extras} live={live} />
            </div>
          )
        })}
      </div>
    </div>
  )
})
