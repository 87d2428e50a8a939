// What snapshot storage costs, from the price config.json sets (Lightsail's published $0.05 USD per GB-month by
// default). Lightsail bills the data a snapshot actually stores, which the API does not report; sizeInGb (with attached
// disks) is the provisioned size, so every figure here is an upper bound, and the words say so.
import type { Pricing } from '../config/config.ts'
import { PUBLISHED_PRICING } from '../config/config.ts'

export function rateFor(pricing: Pricing, region: string): number {
  return Object.hasOwn(pricing.regions, region) ? pricing.regions[region]! : pricing.perGbMonth
}

/** The most a snapshot of `sizeGb` costs a month in `region`. */
export function monthlyCost(pricing: Pricing, region: string, sizeGb: number): number {
  return sizeGb * rateFor(pricing, region)
}

const formats = new Map<string, Intl.NumberFormat>()

/** "$4.00", "4,00 €": money in the configured currency, rounded as the currency is (cents for USD). */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}/${currency}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency })
    formats.set(key, format)
  }
  // Rounded half away from zero in cents before formatting, so 0.125 is 0.13 whatever the engine does with halves.
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2
  const scale = 10 ** digits
  return format.format(Math.sign(amount) * Math.round(Math.abs(amount) * scale) / scale)
}

/** "at most $4.00 a month": a figure that is an upper bound, said plainly. */
export function atMost(amount: number, currency: string, locale?: string): string {
  return `at most ${formatMoney(amount, currency, locale)} a month`
}

/** The rate and where it comes from, once per view: "$0.05 per GB-month, Lightsail's published price". */
export function rateNote(pricing: Pricing, region?: string, locale?: string): string {
  const rate = region ? rateFor(pricing, region) : pricing.perGbMonth
  const published = rate === PUBLISHED_PRICING.perGbMonth && pricing.currency === PUBLISHED_PRICING.currency
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: pricing.currency, maximumFractionDigits: 4 }).format(rate)
  return `${money} per GB-month, ${published ? "Lightsail's published price" : "the price this site's config.json sets"}`
}

/** Why every figure is an upper bound, in one sentence. */
export const UPPER_BOUND =
  'Lightsail bills the data a snapshot actually stores, which its API does not report; these figures use the provisioned size, so the bill is at most this.'
