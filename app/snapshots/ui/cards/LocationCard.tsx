import type { InstanceSnapshot } from '../../../aws/snapshots.ts'
import { regionLabel } from '../../../lib/regions.ts'
import { Card } from '../../../ui/Card.tsx'
import { CopyButton } from '../../../ui/CopyButton.tsx'
import { KeyValueList } from '../../../ui/KeyValueList.tsx'

export function LocationCard({ snapshot }: { snapshot: InstanceSnapshot }) {
  const zone = snapshot.location?.availabilityZone
  return (
    <Card title="Location">
      <KeyValueList
        facts={[
          { term: 'Region', value: snapshot.location?.regionName && regionLabel(snapshot.location.regionName) },
          { term: 'Availability Zone', value: zone === 'all' ? 'all (instance snapshots are regional)' : zone },
          { term: 'Resource type', value: snapshot.resourceType },
          {
            term: 'ARN',
            value: snapshot.arn && (
              <span className="with-copy">
                <code className="wrap">{snapshot.arn}</code>
                <CopyButton text={snapshot.arn} label="Copy ARN" className="button-small" />
              </span>
            ),
          },
          {
            term: 'Support code',
            value: snapshot.supportCode && (
              <span className="with-copy">
                <code className="wrap">{snapshot.supportCode}</code>
                <CopyButton text={snapshot.supportCode} label="Copy support code" className="button-small" />
              </span>
            ),
          },
        ]}
      />
    </Card>
  )
}
