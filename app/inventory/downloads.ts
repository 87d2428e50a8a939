// The downloads of the list, CSV and JSON: code loaded on the click that asks for one.
import type { Monthly, Row } from './model.ts'

const CSV_COLUMNS = ['region', 'kind', 'name', 'state', 'progress', 'sourceDisk', 'sourceInstance', 'createdAt', 'sizeGb', 'monthlyCostAtMost', 'currency', 'fromAutoSnapshot', 'availabilityZone', 'tags'] as const

/** The price the downloads carry: what a row costs a month at most, in which currency. */
export interface Priced {
  monthly: Monthly
  currency: string
}

function csvCell(value: string): string {
  // A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) is kept as text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function plain(row: Row, priced?: Priced) {
  return {
    region: row.region,
    kind: row.kind,
    name: row.name,
    state: row.state,
    progress: row.progress ?? '',
    sourceDisk: row.disk ?? '',
    sourceInstance: row.instance,
    createdAt: row.createdAt === undefined ? '' : new Date(row.createdAt).toISOString(),
    sizeGb: row.sizeGb,
    // An upper bound (Lightsail bills what a snapshot stores), in cents: the column's name says so.
    monthlyCostAtMost: priced ? Math.round(priced.monthly(row) * 100) / 100 : '',
    currency: priced?.currency ?? '',
    fromAutoSnapshot: row.auto,
    availabilityZone: row.zone ?? '',
    tags: row.tags.map((t) => (t.value === undefined ? t.key : `${t.key}=${t.value}`)).join('; '),
  }
}

export function toCsv(rows: readonly Row[], priced?: Priced): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const row of rows) {
    const p = plain(row, priced)
    lines.push(CSV_COLUMNS.map((c) => csvCell(String(p[c]))).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}

export function toJson(rows: readonly Row[], priced?: Priced): string {
  return `${JSON.stringify(
    rows.map((r) => ({ ...plain(r, priced), tags: r.tags })),
    null,
    2,
  )}\n`
}
