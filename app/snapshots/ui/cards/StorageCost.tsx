import type { Pricing } from '../../../config/config.ts'
import { atMost, monthlyCost, rateNote } from '../../../lib/cost.ts'
import { formatGb } from '../../../lib/format.ts'

/** "at most $22.40 a month": what storing the snapshot costs, an upper bound, with the rate and where it comes from. */
export function StorageCost({ pricing, region, sizeGb }: { pricing: Pricing; region: string; sizeGb: number }) {
  return (
    <span data-testid="storage-cost">
      {atMost(monthlyCost(pricing, region, sizeGb), pricing.currency)}
      <span className="muted">
        {' '}
        ({formatGb(sizeGb)} at {rateNote(pricing, region)}; Lightsail bills what the snapshot stores, which its API does not report, so it is at most
        this)
      </span>
    </span>
  )
}
