import { memo } from 'react'
import type { InstanceSnapshot } from '../../../aws/snapshots.ts'
import { formatGb } from '../../../lib/format.ts'
import { Card } from '../../../ui/Card.tsx'
import { CopyableCode } from '../../../ui/CopyableCode.tsx'
import { KeyValueList } from '../../../ui/KeyValueList.tsx'
import { SourceToday } from '../context/SourceToday.tsx'
import type { Pricing } from '../../../config/config.ts'
import { StorageCost } from './StorageCost.tsx'
import { totalSizeGb, yesNo } from './model.ts'

export const SourceCard = memo(function SourceCard({ snapshot, region, pricing }: { snapshot: InstanceSnapshot; region: string; pricing: Pricing }) {
  const disks = snapshot.fromAttachedDisks?.length ?? 0
  return (
    <Card title="Source">
      <KeyValueList
        facts={[
          { term: 'Instance', value: snapshot.fromInstanceName },
          ...(snapshot.fromInstanceName
            ? [{ term: 'Instance today', value: <SourceToday region={region} instance={snapshot.fromInstanceName} bundleThen={snapshot.fromBundleId} /> }]
            : []),
          { term: 'Instance ARN', value: snapshot.fromInstanceArn && <CopyableCode value={snapshot.fromInstanceArn} label="Copy instance ARN" /> },
          { term: 'Blueprint', value: snapshot.fromBlueprintId && <code>{snapshot.fromBlueprintId}</code> },
          { term: 'Bundle', value: snapshot.fromBundleId && <code>{snapshot.fromBundleId}</code> },
          { term: 'From an automatic snapshot', value: yesNo(snapshot.isFromAutoSnapshot) },
          { term: 'Instance disk size', value: formatGb(snapshot.sizeInGb) },
          { term: 'Storage cost', value: <StorageCost pricing={pricing} region={region} sizeGb={totalSizeGb(snapshot)} /> },
          {
            term: 'Total size',
            value: (
              <span data-testid="total-size">
                {formatGb(totalSizeGb(snapshot))}
                <span className="muted">
                  {' '}
                  (instance{disks ? ` + ${disks} attached disk${disks === 1 ? '' : 's'}` : ', no attached disks'})
                </span>
              </span>
            ),
          },
        ]}
      />
    </Card>
  )
})
