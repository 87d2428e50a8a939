import { memo } from 'react'
import type { ResourceLocation } from '../../../aws/snapshots.ts'
import { regionLabel } from '../../../lib/regions.ts'
import { Card } from '../../../ui/Card.tsx'
import { CopyableCode } from '../../../ui/CopyableCode.tsx'
import { KeyValueList } from '../../../ui/KeyValueList.tsx'

/** Where a snapshot (of either kind) lives, and how to name it to AWS. */
export const LocationCard = memo(function LocationCard({ snapshot }: { snapshot: { location?: ResourceLocation; resourceType?: string; arn?: string; supportCode?: string } }) {
  const zone = snapshot.location?.availabilityZone
  return (
    <Card title="Location">
      <KeyValueList
        facts={[
          { term: 'Region', value: snapshot.location?.regionName && regionLabel(snapshot.location.regionName) },
          { term: 'Availability Zone', value: zone === 'all' ? 'all (snapshots are regional)' : zone },
          { term: 'Resource type', value: snapshot.resourceType },
          { term: 'ARN', value: snapshot.arn && <CopyableCode value={snapshot.arn} label="Copy ARN" /> },
          { term: 'Support code', value: snapshot.supportCode && <CopyableCode value={snapshot.supportCode} label="Copy support code" /> },
        ]}
      />
    </Card>
  )
})
