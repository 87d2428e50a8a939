import { describe, expect, it } from 'vitest'
import { parseConfig } from '../config/config.ts'
import { atMost, formatMoney, monthlyCost, rateFor, rateNote } from './cost.ts'

const base = { defaultRegion: 'us-east-2', cognito: { region: 'us-east-2', identityPoolId: 'us-east-2:1234abcd' } }

describe('cost', () => {
  it("defaults to Lightsail's published $0.05 USD per GB-month, and says where the rate comes from", () => {
    const { pricing } = parseConfig(base)
    expect(monthlyCost(pricing, 'us-east-2', 80)).toBeCloseTo(4)
    expect(atMost(monthlyCost(pricing, 'us-east-2', 80), pricing.currency, 'en-US')).toBe('at most $4.00 a month')
    expect(rateNote(pricing, 'us-east-2', 'en-US')).toBe("$0.05 per GB-month, Lightsail's published price")
  })

  it('takes per-region overrides and another currency, and says the price is the config’s', () => {
    const { pricing } = parseConfig({ ...base, pricing: { perGbMonth: 0.045, currency: 'EUR', regions: { 'ap-south-1': 0.06 } } })
    expect(rateFor(pricing, 'ap-south-1')).toBe(0.06)
    expect(rateFor(pricing, 'eu-west-1')).toBe(0.045)
    expect(formatMoney(monthlyCost(pricing, 'eu-west-1', 100), 'EUR', 'de-DE')).toBe('4,50\u00a0€')
    expect(rateNote(pricing, 'ap-south-1', 'en-US')).toBe("€0.06 per GB-month, the price this site's config.json sets")
  })

  it('rounds half away from zero, to the currency’s own digits', () => {
    expect(formatMoney(0.125, 'USD', 'en-US')).toBe('$0.13')
    expect(formatMoney(0.124999, 'USD', 'en-US')).toBe('$0.12')
    expect(formatMoney(1234.5, 'JPY', 'en-US')).toBe('¥1,235')
    expect(formatMoney(0, 'USD', 'en-US')).toBe('$0.00')
  })

  it.each([
    [{ perGbMonth: -1 }, 'pricing.perGbMonth'],
    [{ perGbMonth: '0.05' }, 'pricing.perGbMonth'],
    [{ currency: 'dollars' }, 'pricing.currency'],
    [{ currency: 'XYZ' }, 'pricing.currency'],
    [{ regions: { Ohio: 0.05 } }, 'pricing.regions.Ohio'],
    [{ regions: { 'us-east-2': 'cheap' } }, 'pricing.regions.us-east-2'],
    [{ regions: [] }, 'pricing.regions'],
    [{ perGBMonth: 0.05 }, 'pricing.perGBMonth'],
  ])('refuses %j, naming %s', (pricing, field) => {
    expect(() => parseConfig({ ...base, pricing })).toThrow(expect.objectContaining({ field }))
  })

  it('takes the clean-up view’s protecting tag, keep by default', () => {
    expect(parseConfig(base).cleanup.protectTag).toBe('keep')
    expect(parseConfig({ ...base, cleanup: { protectTag: 'do-not-delete' } }).cleanup.protectTag).toBe('do-not-delete')
    expect(() => parseConfig({ ...base, cleanup: { protectTag: '' } })).toThrow(expect.objectContaining({ field: 'cleanup.protectTag' }))
  })
})
