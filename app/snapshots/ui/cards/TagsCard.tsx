import { memo } from 'react'
import type { Tag } from '../../../aws/snapshots.ts'
import { Card } from '../../../ui/Card.tsx'
import { TagList } from './TagList.tsx'

export const TagsCard = memo(function TagsCard({ snapshot }: { snapshot: { tags?: Tag[] } }) {
  return (
    <Card title={`Tags (${snapshot.tags?.length ?? 0})`} className="card-tags">
      <TagList tags={snapshot.tags} label="Snapshot tags" />
    </Card>
  )
})
