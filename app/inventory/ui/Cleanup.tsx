// The clean-up view: the inventory's snapshots nobody may need, by rules in the URL (so the list can be sent to
// whoever approves it), each with why and what it costs, and the total a clean-up would save. Its output is a script a
// person reviews and runs: the app never deletes anything, and its role may not.
import { useQueries } from '@tanstack/react-query'
import { useCallback, useMemo, type ChangeEvent } from 'react'
import { atMost, formatMoney } from '../../lib/cost.ts'
import { navigate, parseView, standaloneLink, type ViewState } from '../../lib/url.ts'
import { useSession } from '../../session.tsx'
import { CopyButton } from '../../ui/CopyButton.tsx'
import { cleanupCandidates, hasRule, type Candidate } from '../cleanup.ts'
import type { Monthly, Row } from '../model.ts'
import { inventoryQueries } from '../queries.ts'
import { cleanupScript } from '../script.ts'
import { SnapshotGrid, type GridExtras, type Item } from './SnapshotGrid.tsx'
import './cleanup.css'

export interface CleanupProps {
  view: ViewState
  /** Every row the inventory holds, in the list's order; `shown`, those its other filters let through. */
  sorted: Row[]
  shown: ReadonlySet<Row>
  regions: string[]
  protectTag: string
  monthly: Monthly
  currency: string
  now: number
  pollSeconds: number
  onOpen: (row: Row) => void
  onSort: GridSort
  download: (name: string, type: string, text: string) => void
}

type GridSort = Parameters<typeof SnapshotGrid>[0]['onSort']

function RuleForm({ view }: { view: ViewState }) {
  // Each change starts from the URL as it is then, and rewrites the current entry (as the filters do).
  const set = (change: Partial<ViewState>) => navigate({ ...parseView(window.location.search), ...change }, { replace: true })
  const onKeep = (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value.trim()
    const n = Number(value)
    set({ keep: value !== '' && Number.isInteger(n) && n >= 0 && n <= 999 ? n : undefined })
  }
  return (
    <fieldset className="cleanup-rules">
      <legend>Rules (a snapshot meeting any of them is a candidate; the filters above narrow them)</legend>
      <div className="field field-check">
        <input id="rule-orphaned" type="checkbox" checked={view.orphaned === true} onChange={(e) => set({ orphaned: e.target.checked || undefined })} />
        <label htmlFor="rule-orphaned">Snapshots of instances that no longer exist</label>
      </div>
      <div className="field field-check">
        <input id="rule-kept" type="checkbox" checked={view.kept === true} onChange={(e) => set({ kept: e.target.checked || undefined })} />
        <label htmlFor="rule-kept">Snapshots kept from automatic snapshots</label>
      </div>
      <div className="field field-narrow">
        <label htmlFor="rule-keep">Manual snapshots beyond the newest … of each source</label>
        <input id="rule-keep" type="number" min={0} max={999} inputMode="numeric" defaultValue={view.keep ?? ''} key={view.keep ?? 'none'} onChange={onKeep} />
      </div>
    </fieldset>
  )
}

/** The rules in words, for the view and the script's header. */
function ruleWords(view: ViewState, protectTag: string): string[] {
  return [
    ...(view.orphaned ? ['orphaned=1: snapshots of instances that no longer exist'] : []),
    ...(view.kept ? ['kept=1: snapshots kept from automatic snapshots'] : []),
    ...(view.keep !== undefined ? [`keep=${view.keep}: manual snapshots beyond the newest ${view.keep} of each source instance or disk`] : []),
    ...(view.olderThan !== undefined ? [`olderThan=${view.olderThan}: older than ${view.olderThan} days`] : []),
    `never: pending snapshots, the newest of an instance that still exists (or of a disk), or those tagged ${protectTag}`,
  ]
}

export function Cleanup({ view, sorted, shown, regions, protectTag, monthly, currency, now, pollSeconds, onOpen, onSort, download }: CleanupProps) {
  const session = useSession()
  // Which instances still exist, region by region: asked by this view only.
  // Combined once per change of a region's answer (a stable function), not on every render.
  const combine = useCallback(
    (results: { data?: Set<string>; isPending: boolean }[]) => {
      const living = new Map<string, Set<string>>()
      results.forEach((q, i) => {
        if (q.data) living.set(regions[i]!, q.data)
      })
      return { living, waiting: results.filter((q) => q.isPending).length }
    },
    [regions],
  )
  const { living, waiting } = useQueries({ queries: regions.map((region) => inventoryQueries.instances(session, region)), combine })
  const rules = { orphaned: view.orphaned, kept: view.kept, keep: view.keep, olderThan: view.olderThan }
  const result = useMemo(
    () => cleanupCandidates(sorted, { rules: { orphaned: view.orphaned, kept: view.kept, keep: view.keep, olderThan: view.olderThan }, living, protectTag, now, monthly, matches: (r) => shown.has(r) }),
    [sorted, shown, living, protectTag, now, monthly, view.orphaned, view.kept, view.keep, view.olderThan],
  )
  const reasons = useMemo(() => new Map(result.candidates.map((c) => [c.row, c])), [result])
  const money = useCallback((amount: number) => formatMoney(amount, currency), [currency])
  const extras = useMemo<GridExtras>(
    () => ({ money: (row) => `≤ ${money(monthly(row))}`, why: (row) => reasons.get(row)?.reasons.join('; ') ?? '' }),
    [money, monthly, reasons],
  )
  const items = useMemo<Item[]>(() => result.candidates.map((c: Candidate) => ({ kind: 'row' as const, row: c.row })), [result])
  const stamp = new Date(now).toISOString().slice(0, 10)
  const script = () =>
    cleanupScript(
      result.candidates,
      { rules: ruleWords(view, protectTag), link: standaloneLink(), date: stamp, regions, savings: atMost(result.savings, currency) },
      (amount) => atMost(amount, currency),
    )

  return (
    <section className="cleanup" aria-labelledby="cleanup-title">
      <h2 id="cleanup-title">Clean-up candidates</h2>
      <RuleForm view={view} />
      {!hasRule(rules) ? (
        <p>Choose a rule above: the list, and a script to delete what it names, follow.</p>
      ) : (
        <>
          <p className="summary cleanup-summary" role="status">
            {result.candidates.length} candidate{result.candidates.length === 1 ? '' : 's'} · a clean-up would save {atMost(result.savings, currency)}
            {result.protectedByTag > 0 ? ` · ${result.protectedByTag} protected by the tag ${protectTag}` : ''}
            {result.neverPending > 0 ? ` · ${result.neverPending} pending left out` : ''}
            {result.neverNewest > 0 ? ` · ${result.neverNewest} kept as the newest of their source` : ''}
            {waiting > 0 ? ` · still asking ${waiting} region${waiting === 1 ? '' : 's'} which instances exist` : ''}
          </p>
          {result.unknownRegions.length > 0 ? (
            <p className="notice notice-warning">
              Which instances still exist is not known in {result.unknownRegions.join(', ')} (GetInstances did not answer), so no snapshot there is
              taken as orphaned, and each instance's newest is kept.
            </p>
          ) : null}
          <div className="actions" role="group" aria-label="The clean-up script">
            <button
              type="button"
              className="button"
              disabled={result.candidates.length === 0}
              onClick={() => download(`snapshot-cleanup-${stamp}.sh`, 'text/x-shellscript', script())}
            >
              Download the script
            </button>
            <CopyButton text={script} label="Copy the script" />
          </div>
          {items.length === 0 ? (
            <p>No snapshot meets these rules.</p>
          ) : (
            <SnapshotGrid
              items={items}
              label={`Clean-up candidates: ${items.length}. Arrow keys move between rows; Enter opens one.`}
              sort={view.sort ?? { key: 'created', descending: true }}
              onSort={onSort}
              onOpen={onOpen}
              pollSeconds={pollSeconds}
              extras={extras}
            />
          )}
        </>
      )}
    </section>
  )
}
