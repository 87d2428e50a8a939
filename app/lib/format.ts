// Pure formatting for the cards: sizes, times in the reader's zone and in UTC, relative times, durations in words.
// Every function takes the locale and time zone it uses, so tests pin them and the UI passes the reader's.

export interface Locale {
  locale?: string
  timeZone?: string
}

// Building an Intl formatter costs far more than using one, and a snapshot page formats dozens of values per second.
const formatters = new Map<string, unknown>()
function formatter<T>(key: unknown[], make: () => T): T {
  const id = JSON.stringify(key)
  let found = formatters.get(id) as T | undefined
  if (!found) {
    found = make()
    formatters.set(id, found)
  }
  return found
}
export const numberFormat = (locale: string | undefined, options: Intl.NumberFormatOptions) =>
  formatter(['n', locale, options], () => new Intl.NumberFormat(locale, options))
export const dateFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) =>
  formatter(['d', locale, options], () => new Intl.DateTimeFormat(locale, options))

export function formatGb(gb: number | undefined, locale?: string): string {
  if (gb === undefined || !Number.isFinite(gb)) return 'unknown size'
  if (gb >= 1024) return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(gb / 1024)} TB`
  return `${numberFormat(locale, {}).format(gb)} GB`
}

export function formatDateTime(date: Date, { locale, timeZone }: Locale = {}): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date)
}

/** `2026-11-24 02:16:03 UTC`: unambiguous, for the hover and focus text and for copying into tickets. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
]

/** "3 days ago", "in 2 hours", "now": the largest unit that fits, rounded down. */
export function formatRelative(date: Date, now: number, locale?: string): string {
  const diff = date.getTime() - now
  const abs = Math.abs(diff)
  const format = formatter(['r', locale], () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }))
  if (abs < 10_000) return format.format(0, 'second')
  for (const [unit, ms] of UNITS) {
    if (abs >= ms) return format.format(Math.sign(diff) * Math.floor(abs / ms), unit)
  }
  return format.format(0, 'second')
}

/** "1 hour 5 minutes", "45 seconds": for countdowns and estimates. */
export function formatDuration(ms: number, locale?: string): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const parts: string[] = []
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value)
  if (h) parts.push(unit(h, 'hour'))
  if (m) parts.push(unit(m, 'minute'))
  if (!h && (s || parts.length === 0)) parts.push(unit(s, 'second'))
  return parts.join(' ')
}

/** "45 sec", "12 min", "1 hr 5 min": a span short enough to read at a glance (whole minutes past the first). */
export function formatSpan(ms: number, locale?: string): string {
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value)
  const total = Math.max(0, Math.round(ms / 1000))
  if (total < 60) return unit(total, 'second')
  const minutes = Math.round(total / 60)
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return h ? [unit(h, 'hour'), ...(m ? [unit(m, 'minute')] : [])].join(' ') : unit(m, 'minute')
}

/** "09:55" (or "9:55 AM"): a time of day in the reader's zone, for times within the day. */
export function formatClock(date: Date, { locale, timeZone }: Locale = {}): string {
  return dateFormat(locale, { timeStyle: 'short', timeZone }).format(date)
}

/** Builds the formatters the Status card needs, so the first render after the data arrives does not pay for it. */
export function warmUpFormatters(now = Date.now()): void {
  formatDateTime(new Date(now))
  formatUtc(new Date(now))
  formatRelative(new Date(now - 86_400_000), now)
  formatDuration(65_000)
  formatGb(80)
  formatGb(2048)
}
