// Every instance and disk snapshot of every region the account can use (or of one region), filtered, sorted, grouped
// and linkable. A region that refuses shows that beside its name, with its own retry; the other regions' rows stay.
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react'
import type { Pricing } from '../../config/config.ts'
import { atMost, formatMoney, monthlyCost, rateNote, UPPER_BOUND } from '../../lib/cost.ts'
import { formatGb } from '../../lib/format.ts'
import { regionLabel } from '../../lib/regions.ts'
import { inventoryPart, navigate, viewToSearch, type SortKey, type ViewState } from '../../lib/url.ts'
import { Link } from '../../ui/Link.tsx'
import { loadable } from '../../ui/loadable.tsx'
import { useNow } from '../../ui/use-now.ts'
import type { Priced } from '../downloads.ts'
import { ageBuckets, filterRows, groupBySource, perRegion, perSource, sortRows, totalCost, totals, type Monthly, type Row } from '../model.ts'
import { DEFAULT_SORT, Filters } from './Filters.tsx'
import { SnapshotGrid, type GridExtras, type Item } from './SnapshotGrid.tsx'
import { useInventory, type RegionState } from './use-inventory.ts'
import './inventory.css'

// Drawn once the rows are there: the pictures, the clean-up view, and the downloads' code load after the list.
const Charts = loadable(() => import('./Charts.tsx').then((m) => m.Charts), () => null)
const Cleanup = loadable(() => import('./Cleanup.tsx').then((m) => m.Cleanup), () => <p role="status">Finding the candidates…</p>)

/** Writes the list as CSV or JSON, with the code that makes them loaded on the click. */
async function downloadList(format: 'csv' | 'json', rows: readonly Row[], priced: Priced, stamp: string) {
  const { toCsv, toJson } = await import('../downloads.ts')
  if (format === 'csv') download(`snapshots-${stamp}.csv`, 'text/csv', toCsv(rows, priced))
  else download(`snapshots-${stamp}.json`, 'application/json', toJson(rows, priced))
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  window.setTimeout(() => URL.revokeObjectURL(url), 1000)
}

// Which regions refused, and why: code needed only when one does, loaded then.
const RegionFailures = loadable(
  () => import('./RegionFailures.tsx').then((m) => m.RegionFailures),
  ({ failed }) => (
    <p className="notice notice-warning">
      {failed.length} region{failed.length === 1 ? '' : 's'} did not answer.
    </p>
  ),
)

function RegionStates({ states }: { states: RegionState[] }) {
  const failed = states.filter((s) => s.status === 'failed')
  const loading = states.filter((s) => s.status === 'loading')
  if (failed.length === 0 && loading.length === 0) return null
  return (
    <div className="region-states">
      {failed.length > 0 ? (
        <RegionFailures failed={failed} />
      ) : null}
      {loading.length > 0 ? (
        <p className="muted" aria-live="polite">
          Still loading {loading.length === 1 ? loading[0]!.region : `${loading.length} regions`}
          {loading.some((s) => s.rows > 0) ? ` (${loading.reduce((n, s) => n + s.rows, 0)} rows so far)` : ''}…
        </p>
      ) : null}
    </div>
  )
}

const KIND_LINKS: { kind: ViewState['kind']; label: string }[] = [
  { kind: undefined, label: 'Both kinds' },
  { kind: 'instance', label: 'Instance snapshots' },
  { kind: 'disk', label: 'Disk snapshots' },
]

/** Which kind of snapshot the list shows, as links (a teammate's link keeps it): `kind=instance` or `kind=disk`. */
function KindLinks({ view }: { view: ViewState }) {
  return (
    <nav className="kind-links" aria-label="Kind of snapshot">
      {KIND_LINKS.map(({ kind, label }) => (
        <Link key={label} to={{ ...view, kind }} className="kind-link" current={view.kind === kind}>
          {label}
        </Link>
      ))}
    </nav>
  )
}

interface ResultsProps {
  /** The filters and sort the list shows: they follow the URL a moment after it changes. */
  wanted: ReturnType<typeof inventoryPart>
  theme: ViewState['theme']
  embed: boolean
  /** config.json's regions (none: every Lightsail region). */
  configured: readonly string[]
  askIn: string
  pollSeconds: number
  pricing: Pricing
  protectTag: string
}

/**
 * Everything that depends on the rows. Memoized on the deferred filters, so a keystroke renders the filter form alone
 * and the list follows in a render React may interrupt. Pages arriving are not deferred: a stream of them would keep
 * putting the first rows off.
 */
const Results = memo(function Results({ wanted, theme, embed, configured, askIn, pollSeconds, pricing, protectTag }: ResultsProps) {
  const inventory = useInventory(wanted.region, configured, askIn)
  const all = inventory.rows
  const now = useNow(3_600_000)
  const sort = wanted.sort ?? DEFAULT_SORT
  const cleanup = wanted.view === 'cleanup'
  const monthly = useCallback<Monthly>((row) => monthlyCost(pricing, row.region, row.sizeGb), [pricing])
  const currency = pricing.currency
  const extras = useMemo<GridExtras>(() => ({ money: (row) => `≤ ${formatMoney(monthly(row), currency)}` }), [monthly, currency])
  // Sorted once per page of data or change of sort; a keystroke only filters the sorted rows, which keeps their order.
  const grouped = wanted.group === 'instance' && !cleanup
  const sorted = useMemo(() => (grouped ? all : sortRows(all, sort, monthly)), [all, sort, grouped, monthly])
  // In the clean-up view the age is one of the rules (app/inventory/cleanup.ts), not a filter of the list.
  const filtered = useMemo(() => filterRows(sorted, cleanup ? { ...wanted, olderThan: undefined } : wanted, now), [sorted, wanted, now, cleanup])
  const items = useMemo<Item[]>(
    () =>
      grouped
        ? groupBySource(filtered).flatMap((group) => [{ kind: 'group' as const, group }, ...group.rows.map((row) => ({ kind: 'row' as const, row }))])
        : filtered.map((row) => ({ kind: 'row' as const, row })),
    [filtered, grouped],
  )
  const shown = useMemo(() => totals(filtered), [filtered])
  const everything = useMemo(() => totals(all), [all])
  const everythingCost = useMemo(() => totalCost(all, monthly), [all, monthly])
  const shownCost = useMemo(() => totalCost(filtered, monthly), [filtered, monthly])
  const shownSet = useMemo(() => new Set(filtered), [filtered])
  const byRegion = useMemo(() => perRegion(filtered), [filtered])
  const bySource = useMemo(() => perSource(filtered, monthly), [filtered, monthly])
  const regionNames = useMemo(() => inventory.regions.map((r) => r.region), [inventory.regions])
  // The pictures come after the first rows: their code loads in the frame after those are painted.
  const [pictures, setPictures] = useState(false)
  const hasRows = all.length > 0
  useEffect(() => {
    if (!hasRows || pictures) return
    const frame = requestAnimationFrame(() => setPictures(true))
    return () => cancelAnimationFrame(frame)
  }, [hasRows, pictures])
  const ages = useMemo(() => ageBuckets(filtered, now), [filtered, now])
  const view = useMemo<ViewState>(() => ({ ...wanted, theme, embed }), [wanted, theme, embed])

  const open = useCallback(
    (row: Row) =>
      navigate(
        { region: row.region, ...(row.kind === 'disk' ? { diskSnapshot: row.name } : { snapshot: row.name }), theme, embed },
        { state: { inventory: window.location.search } },
      ),
    [theme, embed],
  )
  const onSort = useCallback(
    (key: SortKey) => navigate({ ...view, sort: { key, descending: sort.key === key ? !sort.descending : key === 'created' || key === 'size' } }, { replace: true }),
    [view, sort],
  )
  const where = wanted.region ? regionLabel(wanted.region) : 'every region'
  const isFiltered = filtered.length !== all.length
  const stamp = new Date(now).toISOString().slice(0, 10)
  const priced = { monthly, currency }
  const summary = (
    <p className="summary" role="status">
      {inventory.answered} of {inventory.regions.length} region{inventory.regions.length === 1 ? '' : 's'} answered · {everything.count} snapshot
      {everything.count === 1 ? '' : 's'} ({everything.count - everything.disks} instance, {everything.disks} disk) · {formatGb(everything.sizeGb)} ·{' '}
      <span data-testid="total-cost">{atMost(everythingCost, currency)}</span>
      {isFiltered ? (
        <>
          {' '}
          · showing {shown.count} ({formatGb(shown.sizeGb)}, {atMost(shownCost, currency)})
        </>
      ) : null}
    </p>
  )
  const rate = (
    <p className="muted cost-note">
      Costs at {rateNote(pricing)}; per region where config.json sets its own. {UPPER_BOUND}
    </p>
  )

  if (cleanup) {
    return (
      <>
        {summary}
        <RegionStates states={inventory.regions} />
        {rate}
        {/* Its GetInstances calls wait, as the other regions do, for the home region's head start. */}
        {inventory.leadAnswered ? (
          <Cleanup
            view={view}
            sorted={sorted}
            shown={shownSet}
            regions={regionNames}
            protectTag={protectTag}
            monthly={monthly}
            currency={currency}
            now={now}
            pollSeconds={pollSeconds}
            onOpen={open}
            onSort={onSort}
            download={download}
          />
        ) : (
          <p role="status">Finding the candidates…</p>
        )}
      </>
    )
  }

  return (
    <>
      {summary}
      <RegionStates states={inventory.regions} />
      <KindLinks view={view} />
      {rate}
      <p>
        <Link to={{ ...view, view: 'cleanup', orphaned: true, group: undefined }} className="button">
          Clean-up candidates: snapshots nobody may need, and what they cost
        </Link>
      </p>
      {pictures ? (
        <Charts view={view} regions={wanted.region ? [] : byRegion} ages={ages} sources={bySource} money={(amount) => formatMoney(amount, currency)} regionCost={(region, sizeGb) => monthlyCost(pricing, region, sizeGb)} />
      ) : null}
      <div className="actions" role="group" aria-label="Download the list">
        <button type="button" className="button" onClick={() => void downloadList('csv', filtered, priced, stamp)} disabled={filtered.length === 0}>
          Download CSV
        </button>
        <button type="button" className="button" onClick={() => void downloadList('json', filtered, priced, stamp)} disabled={filtered.length === 0}>
          Download JSON
        </button>
        {wanted.region ? (
          <a
            className="button"
            href={viewToSearch({ ...view, region: undefined }) || '?'}
            onClick={(e) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
              e.preventDefault()
              navigate({ ...view, region: undefined })
            }}
          >
            Show every region
          </a>
        ) : null}
      </div>
      {all.length === 0 && !inventory.loading ? (
        <p>No snapshots {wanted.region ? 'in this region' : 'in any region that answered'}.</p>
      ) : items.length === 0 && !inventory.loading ? (
        <p>No snapshot matches these filters.</p>
      ) : (
        <SnapshotGrid
          items={items}
          label={`Snapshots in ${where}: ${shown.count} shown. Arrow keys move between rows; Enter opens one.`}
          sort={sort}
          onSort={onSort}
          onOpen={open}
          pollSeconds={pollSeconds}
          extras={extras}
        />
      )}
    </>
  )
})

export function InventoryPage({
  view,
  configured,
  askIn,
  pollSeconds,
  pricing,
  protectTag,
}: {
  view: ViewState
  configured: readonly string[]
  askIn: string
  pollSeconds: number
  pricing: Pricing
  protectTag: string
}) {
  // Typing updates the URL at once; the list follows a moment later. The filters are compared as text, so a view
  // parsed again with the same filters is the same list.
  const asked = JSON.stringify(inventoryPart(view))
  const shownKey = useDeferredValue(asked)
  const wanted = useMemo(() => JSON.parse(shownKey) as ReturnType<typeof inventoryPart>, [shownKey])
  const where = view.region ? regionLabel(view.region) : 'every region'
  return (
    <section aria-labelledby="inventory-title" className="inventory">
      <h1 id="inventory-title">{view.view === 'cleanup' ? 'Clean-up of the snapshots' : 'Snapshots'} in {where}</h1>
      <Filters view={view} />
      {/* While the list still shows the previous filters it says so (aria-busy); the bench times keystrokes by it. */}
      <div className="inventory-results" aria-busy={asked !== shownKey || undefined}>
        <Results wanted={wanted} theme={view.theme} embed={view.embed ?? false} configured={configured} askIn={askIn} pollSeconds={pollSeconds} pricing={pricing} protectTag={protectTag} />
      </div>
    </section>
  )
}
