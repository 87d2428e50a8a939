import { memo } from 'react'
import type { Disk, InstanceSnapshot } from '../../../aws/snapshots.ts'
import { formatGb } from '../../../lib/format.ts'
import { Card } from '../../../ui/Card.tsx'
import { CopyableCode } from '../../../ui/CopyableCode.tsx'
import { KeyValueList } from '../../../ui/KeyValueList.tsx'
import { Time } from '../../../ui/Time.tsx'
import { diskRole, yesNo } from './model.ts'
import { AddOnList } from './AddOnList.tsx'
import { TagList } from './TagList.tsx'

function DiskItem({ disk }: { disk: Disk }) {
  const name = disk.name ?? 'Unnamed disk'
  return (
    <article className="disk" aria-label={`Disk ${name}`}>
      <h3>
        {name} <span className="pill">{diskRole(disk)}</span>
      </h3>
      <KeyValueList
        facts={[
          { term: 'Size', value: formatGb(disk.sizeInGb) },
          { term: 'IOPS', value: disk.iops?.toLocaleString() },
          { term: 'Path', value: disk.path && <code>{disk.path}</code> },
          { term: 'State', value: disk.state },
          { term: 'Attached', value: yesNo(disk.isAttached) },
          { term: 'Attached to', value: disk.attachedTo },
          { term: 'Auto-mount status', value: disk.autoMountStatus },
          { term: 'Created', value: <Time date={disk.createdAt} /> },
          { term: 'Location', value: [disk.location?.availabilityZone, disk.location?.regionName].filter(Boolean).join(' · ') || undefined },
          { term: 'Resource type', value: disk.resourceType },
          { term: 'ARN', value: disk.arn && <CopyableCode value={disk.arn} label={`Copy ARN of ${name}`} /> },
          { term: 'Support code', value: disk.supportCode && <code className="wrap">{disk.supportCode}</code> },
          { term: 'Attachment state', note: 'discontinued, use Attached', value: disk.attachmentState ?? <span className="muted">Not sent</span> },
          { term: 'GB in use', note: 'discontinued, not maintained', value: disk.gbInUse === undefined ? <span className="muted">Not sent</span> : String(disk.gbInUse) },
        ]}
      />
      <h4>Tags</h4>
      <TagList tags={disk.tags} label={`Tags of disk ${name}`} />
      <h4>Add-ons</h4>
      <AddOnList addOns={disk.addOns} />
    </article>
  )
}

export const DisksCard = memo(function DisksCard({ snapshot }: { snapshot: InstanceSnapshot }) {
  const disks = snapshot.fromAttachedDisks ?? []
  return (
    <Card title={`Attached disks (${disks.length})`} className="card-disks">
      {disks.length === 0 ? (
        <p className="muted">No disks were attached when this snapshot was taken.</p>
      ) : (
        <div className="disk-list">
          {disks.map((disk, i) => (
            <DiskItem key={`${disk.name}-${i}`} disk={disk} />
          ))}
        </div>
      )}
    </Card>
  )
})
