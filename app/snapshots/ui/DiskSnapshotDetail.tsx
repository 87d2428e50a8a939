// A block storage disk snapshot's page: the shared page (SnapshotPage) with the disk snapshot's query and cards. Disk
// snapshots report their progress, so the Status card shows a real progress bar and an estimate from its rise.
import type { Pricing } from '../../config/config.ts'
import type { ViewState } from '../../lib/url.ts'
import { useSession } from '../../session.tsx'
import { loadable } from '../../ui/loadable.tsx'
import { diskSnapshotQueries } from '../disk-queries.ts'
import { diskStatusExtra } from './cards/DiskProgress.tsx'
import { SnapshotPage } from './SnapshotPage.tsx'
import { SkeletonCards } from './SnapshotSkeleton.tsx'

const DiskMoreCardsLoaded = loadable(() => import('./DiskMoreCards.tsx').then((m) => m.DiskMoreCards), () => <SkeletonCards />)

export function DiskSnapshotDetail({ region, name, pollSeconds, url, pricing }: { region: string; name: string; pollSeconds: number; url: ViewState; pricing: Pricing }) {
  const session = useSession()
  return (
    <SnapshotPage
      kind="disk"
      region={region}
      name={name}
      url={url}
      query={(inBackground) => diskSnapshotQueries.detail(session, region, name, pollSeconds, inBackground)}
      more={(snapshot) => <DiskMoreCardsLoaded snapshot={snapshot} region={region} pricing={pricing} url={url} />}
      statusExtra={diskStatusExtra}
    />
  )
}
