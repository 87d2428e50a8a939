// A block storage disk snapshot's page: the shared page (SnapshotPage) with the disk snapshot's query and cards. Disk
// snapshots report their progress, so the Status card shows a real progress bar and an estimate from its rise.
import { lazy } from 'react'
import type { Pricing } from '../../config/config.ts'
import type { ViewState } from '../../lib/url.ts'
import { useSession } from '../../session.tsx'
import { diskSnapshotQueries } from '../disk-queries.ts'
import { diskStatusExtra } from './cards/DiskProgress.tsx'
import { SnapshotPage } from './SnapshotPage.tsx'

const DiskMoreCards = lazy(() => import('./DiskMoreCards.tsx').then((m) => ({ default: m.DiskMoreCards })))

export function DiskSnapshotDetail({ region, name, pollSeconds, url, pricing }: { region: string; name: string; pollSeconds: number; url: ViewState; pricing: Pricing }) {
  const session = useSession()
  return (
    <SnapshotPage
      kind="disk"
      region={region}
      name={name}
      url={url}
      query={(inBackground) => diskSnapshotQueries.detail(session, region, name, pollSeconds, inBackground)}
      more={(snapshot) => <DiskMoreCards snapshot={snapshot} region={region} pricing={pricing} url={url} />}
      statusExtra={diskStatusExtra}
    />
  )
}
