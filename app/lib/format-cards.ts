// Formatting that only the cards after Status use (the automatic snapshot add-on's schedule, the range an instance's
// snapshots take): out of format.ts, so a snapshot link's first load does not carry it. Pure, like format.ts.
import { dateFormat, formatDuration, formatSpan, numberFormat, type Locale } from './format.ts'

/** "11–16 min": a range of durations in one unit where it fits. */
export function formatSpanRange(shortestMs: number, longestMs: number, locale?: string): string {
  const a = Math.round(shortestMs / 60_000)
  const b = Math.round(longestMs / 60_000)
  if (a === b) return formatSpan(longestMs, locale)
  if (b < 60 && a >= 1) return `${a}–${numberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(b)}`
  return `${formatSpan(shortestMs, locale)} to ${formatSpan(longestMs, locale)}`
}

/** A Lightsail `HH:00` UTC time of day, as the next Date it occurs after `now`. */
export function nextUtcTimeOfDay(timeOfDay: string, now: number): Date | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(timeOfDay)
  if (!m) return undefined
  const at = new Date(now)
  at.setUTCHours(Number(m[1]), Number(m[2]), 0, 0)
  if (at.getTime() <= now) at.setUTCDate(at.getUTCDate() + 1)
  return at
}

/** "06:00 UTC (08:00 your time)", or the raw value when it is not an HH:MM time. */
export function formatTimeOfDay(timeOfDay: string, now: number, { locale, timeZone }: Locale = {}): string {
  const next = nextUtcTimeOfDay(timeOfDay, now)
  if (!next) return timeOfDay
  const local = dateFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(next)
  return `${timeOfDay} UTC (${local} your time)`
}

/** Minutes as words: "30 minutes", "2 hours". Non-numbers are shown as given. */
export function formatMinutes(value: string | undefined, locale?: string): string {
  if (value === undefined || value === '') return 'not set'
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) return value
  return formatDuration(n * 60_000, locale)
}

