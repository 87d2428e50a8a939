import { describe, expect, it } from 'vitest'
import {
  formatClock,
  formatDateTime,
  formatDuration,
  formatGb,
  formatSpan,
  formatRelative,
  formatUtc,
} from './format.ts'
import { formatMinutes, formatSpanRange, formatTimeOfDay, nextUtcTimeOfDay } from './format-cards.ts'

const en = 'en-US'
const at = (iso: string) => new Date(iso).getTime()

describe('sizes', () => {
  it('reads GB, and TB from 1024 GB', () => {
    expect(formatGb(80, en)).toBe('80 GB')
    expect(formatGb(1024, en)).toBe('1 TB')
    expect(formatGb(1536, en)).toBe('1.5 TB')
    expect(formatGb(12345, en)).toBe('12.1 TB')
    expect(formatGb(0, en)).toBe('0 GB')
    expect(formatGb(undefined, en)).toBe('unknown size')
  })
})

describe('times', () => {
  const created = new Date('2026-11-24T02:16:03.471Z')

  it('shows local time in the given zone, and UTC exactly', () => {
    expect(formatDateTime(created, { locale: en, timeZone: 'Europe/Berlin' })).toBe('Nov 24, 2026, 3:16 AM')
    expect(formatDateTime(created, { locale: en, timeZone: 'America/Los_Angeles' })).toBe('Nov 23, 2026, 6:16 PM')
    expect(formatUtc(created)).toBe('2026-11-24 02:16:03 UTC')
  })

  it('says how long ago, in the largest unit that fits', () => {
    const now = at('2026-11-27T02:16:03Z')
    expect(formatRelative(created, now, en)).toBe('2 days ago')
    expect(formatRelative(new Date(now - 3 * 86_400_000), now, en)).toBe('3 days ago')
    expect(formatRelative(new Date(now - 90_000), now, en)).toBe('1 minute ago')
    expect(formatRelative(new Date(now - 2000), now, en)).toBe('now')
    expect(formatRelative(new Date(now + 2 * 3_600_000 + 5), now, en)).toBe('in 2 hours')
    expect(formatRelative(new Date(now - 400 * 86_400_000), now, en)).toBe('last year')
  })

  it('writes durations in words', () => {
    expect(formatDuration(0, en)).toBe('0 seconds')
    expect(formatDuration(45_000, en)).toBe('45 seconds')
    expect(formatDuration(65_000, en)).toBe('1 minute 5 seconds')
    expect(formatDuration(3_900_000, en)).toBe('1 hour 5 minutes')
    expect(formatDuration(-5, en)).toBe('0 seconds')
    expect(formatMinutes('30', en)).toBe('30 minutes')
    expect(formatMinutes('120', en)).toBe('2 hours')
    expect(formatMinutes('soon', en)).toBe('soon')
    expect(formatMinutes(undefined, en)).toBe('not set')
  })
})

describe('daily UTC times of day', () => {
  it('finds the next occurrence, today or tomorrow', () => {
    const now = at('2026-11-27T05:30:00Z')
    expect(nextUtcTimeOfDay('06:00', now)?.toISOString()).toBe('2026-11-27T06:00:00.000Z')
    expect(nextUtcTimeOfDay('05:00', now)?.toISOString()).toBe('2026-11-28T05:00:00.000Z')
    expect(nextUtcTimeOfDay('24:00', now)).toBeUndefined()
    expect(nextUtcTimeOfDay('6', now)).toBeUndefined()
  })

  it('reads "06:00 UTC (08:00 your time)" across time zones and date lines', () => {
    const now = at('2026-11-27T05:30:00Z')
    expect(formatTimeOfDay('06:00', now, { locale: en, timeZone: 'Africa/Cairo' })).toBe('06:00 UTC (08:00 your time)')
    expect(formatTimeOfDay('23:00', now, { locale: en, timeZone: 'Asia/Tokyo' })).toBe('23:00 UTC (08:00 your time)')
    expect(formatTimeOfDay('02:00', now, { locale: en, timeZone: 'Asia/Kolkata' })).toBe('02:00 UTC (07:30 your time)')
    expect(formatTimeOfDay('whenever', now, { locale: en })).toBe('whenever')
  })
})

describe('spans', () => {
  it('reads short spans at a glance: seconds under a minute, then whole minutes and hours', () => {
    expect(formatSpan(45_000, 'en-US')).toBe('45 sec')
    expect(formatSpan(12 * 60_000 + 20_000, 'en-US')).toBe('12 min')
    expect(formatSpan(65 * 60_000, 'en-US')).toBe('1 hr 5 min')
    expect(formatSpan(120 * 60_000, 'en-US')).toBe('2 hr')
    expect(formatSpan(-5, 'en-US')).toBe('0 sec')
  })

  it('gives a range in one unit where it fits', () => {
    expect(formatSpanRange(11 * 60_000, 16 * 60_000, 'en-US')).toBe('11–16 min')
    expect(formatSpanRange(13 * 60_000, 13 * 60_000, 'en-US')).toBe('13 min')
    expect(formatSpanRange(30_000, 90 * 60_000, 'en-US')).toBe('30 sec to 1 hr 30 min')
  })

  it('gives a time of day in the zone asked for', () => {
    expect(formatClock(new Date(Date.UTC(2026, 11, 1, 9, 55)), { locale: 'en-GB', timeZone: 'UTC' })).toBe('09:55')
    expect(formatClock(new Date(Date.UTC(2026, 11, 1, 9, 55)), { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('10:55')
  })
})
