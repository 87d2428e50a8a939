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
        ({formatGb(sizeGb)} at {rateNote(pricing, region)}: an upper bound, since Lightsail bills only the data the snapshot stores)
      </span>
    </span>
  )
}
