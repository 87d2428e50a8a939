import { describe, expect, it } from 'vitest'
import { addSample, estimateCompletion, parsePercent, type ProgressSample } from './eta.ts'

const samples = (...points: [number, number][]): ProgressSample[] => points.map(([at, percent]) => ({ at, percent }))

describe('parsePercent', () => {
  it('reads Lightsail progress strings', () => {
    expect(parsePercent('42%')).toBe(42)
    expect(parsePercent(' 7.5 % ')).toBe(7.5)
    expect(parsePercent('100%')).toBe(100)
    expect(parsePercent('150%')).toBeUndefined()
    expect(parsePercent('42')).toBeUndefined()
    expect(parsePercent(undefined)).toBeUndefined()
    expect(parsePercent(null)).toBeUndefined()
  })
})

describe('addSample', () => {
  it('keeps rising readings, drops repeats in time, starts over when progress falls', () => {
    let s = addSample([], { at: 0, percent: 10 })
    s = addSample(s, { at: 1000, percent: 20 })
    expect(s).toHaveLength(2)
    expect(addSample(s, { at: 1000, percent: 25 })).toHaveLength(2)
    expect(addSample(s, { at: 2000, percent: 5 })).toEqual([{ at: 2000, percent: 5 }])
  })

  it('keeps the most recent twenty', () => {
    let s: ProgressSample[] = []
    for (let i = 0; i < 30; i++) s = addSample(s, { at: i * 1000, percent: i })
    expect(s).toHaveLength(20)
    expect(s[0]!.percent).toBe(10)
  })
})

describe('estimateCompletion', () => {
  it('needs three points over two seconds, rising', () => {
    expect(estimateCompletion(samples([0, 10], [5000, 20]))).toBeUndefined()
    expect(estimateCompletion(samples([0, 10], [500, 20], [1000, 30]))).toBeUndefined()
    expect(estimateCompletion(samples([0, 42], [5000, 42], [10_000, 42]))).toBeUndefined()
  })

  it('extrapolates a steady rate to 100%', () => {
    const e = estimateCompletion(samples([0, 10], [10_000, 20], [20_000, 30]))!
    expect(e.ratePerMinute).toBeCloseTo(60)
    expect(e.remainingMs).toBeCloseTo(70_000)
    expect(e.finishesAt).toBeCloseTo(90_000)
  })

  it('fits a line through uneven readings', () => {
    const e = estimateCompletion(samples([0, 10], [10_000, 22], [20_000, 28], [30_000, 40]))!
    expect(e.ratePerMinute).toBeCloseTo(57.6)
    expect(e.remainingMs).toBeCloseTo(62_500)
    expect(e.remainingMs).toBeGreaterThan(55_000)
    expect(e.remainingMs).toBeLessThan(70_000)
  })
})
