// Pictures where people would rather look than read: snapshots and gigabytes per region, how many kept snapshots are
// older than 30, 90 and 365 days, and what they cost a month (at most) per region and per source instance. Plain SVG;
// every bar is a link that applies the matching filter.
import type { MouseEvent } from 'react'
import { formatGb } from '../../lib/format.ts'
import { regionLabel } from '../../lib/regions.ts'
import { navigate, viewToSearch, type ViewState } from '../../lib/url.ts'
import type { Totals } from '../model.ts'

const BAR = 22
const GAP = 6
const LABEL = 150
const WIDTH = 520

function go(event: MouseEvent, to: ViewState) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  navigate(to)
}

function BarChart({ id, title, bars }: { id: string; title: string; bars: { label: string; value: number; text: string; description: string; to: ViewState }[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value))
  const height = bars.length * (BAR + GAP)
  return (
    <figure className="chart">
      <figcaption id={id}>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">Nothing to show.</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="group" aria-labelledby={id} preserveAspectRatio="xMinYMin meet">
          {bars.map((b, i) => {
            const y = i * (BAR + GAP)
            const length = Math.max(2, ((WIDTH - LABEL - 120) * b.value) / max)
            return (
              <a key={b.label} href={viewToSearch(b.to) || '?'} aria-label={b.description} onClick={(e) => go(e, b.to)}>
                <text x={0} y={y + BAR * 0.7} className="chart-label">
                  {b.label}
                </text>
                <rect x={LABEL} y={y} width={length} height={BAR} rx={3} className="chart-bar" />
                <text x={LABEL + length + 6} y={y + BAR * 0.7} className="chart-value">
                  {b.text}
                </text>
              </a>
            )
          })}
        </svg>
      )}
    </figure>
  )
}

export function Charts({
  view,
  regions,
  ages,
  sources,
  money,
  regionCost,
}: {
  view: ViewState
  regions: (Totals & { region: string })[]
  ages: (Totals & { days: number })[]
  /** The costliest source instances. */
  sources: { region: string; instance: string; count: number; cost: number }[]
  money: (amount: number) => string
  regionCost: (region: string, sizeGb: number) => number
}) {
  const base = { ...view, snapshot: undefined }
  const costs = regions.map((r) => ({ ...r, cost: regionCost(r.region, r.sizeGb) })).sort((a, b) => b.cost - a.cost)
  return (
    <div className="charts">
      <BarChart
        id="chart-regions"
        title="Snapshots per region"
        bars={regions.map((r) => ({
          label: r.region,
          value: r.count,
          text: `${r.count} · ${formatGb(r.sizeGb)}`,
          // The accessible name starts with the visible label (voice control users say what they see).
          description: `${r.region}: ${r.count} snapshot${r.count === 1 ? '' : 's'}, ${formatGb(r.sizeGb)}, in ${regionLabel(r.region).replace(` · ${r.region}`, '')}. Show only this region.`,
          to: { ...base, region: r.region },
        }))}
      />
      <BarChart
        id="chart-ages"
        title="Kept snapshots by age"
        bars={ages.map((a) => ({
          label: `older than ${a.days} days`,
          value: a.count,
          text: `${a.count} · ${formatGb(a.sizeGb)}`,
          description: `older than ${a.days} days: ${a.count} snapshot${a.count === 1 ? '' : 's'}, ${formatGb(a.sizeGb)} billed every month. Show only these.`,
          to: { ...base, olderThan: a.days },
        }))}
      />
      {costs.length > 0 ? (
        <BarChart
          id="chart-region-cost"
          title="At most, per month, per region"
          bars={costs.map((r) => ({
            label: r.region,
            value: r.cost,
            text: money(r.cost),
            description: `${r.region}: at most ${money(r.cost)} a month for ${r.count} snapshot${r.count === 1 ? '' : 's'}. Show only this region.`,
            to: { ...base, region: r.region },
          }))}
        />
      ) : null}
      <BarChart
        id="chart-source-cost"
        title="At most, per month, per source instance"
        bars={sources.map((s) => ({
          label: s.instance.length > 18 ? `${s.instance.slice(0, 17)}…` : s.instance,
          value: s.cost,
          text: money(s.cost),
          description: `${s.instance.length > 18 ? `${s.instance.slice(0, 17)}…` : s.instance}: ${s.instance} in ${s.region}, at most ${money(s.cost)} a month for ${s.count} snapshot${s.count === 1 ? '' : 's'}. Show only these.`,
          to: { ...base, region: view.region ? view.region : s.region, instance: s.instance },
        }))}
      />
    </div>
  )
}
