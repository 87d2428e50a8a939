// An instance snapshot's page: the shared page (SnapshotPage) with the instance snapshot's query and cards.
import type { Pricing } from '../../config/config.ts'
import type { ViewState } from '../../lib/url.ts'
import { useSession } from '../../session.tsx'
import { loadable } from '../../ui/loadable.tsx'
import { snapshotQueries } from '../queries.ts'
import { SnapshotPage } from './SnapshotPage.tsx'
import { SkeletonCards } from './SnapshotSkeleton.tsx'

// The cards after Status load while it shows (see MoreCards.tsx).
const MoreCardsLoaded = loadable(() => import('./MoreCards.tsx').then((m) => m.MoreCards), () => <SkeletonCards />)

export function SnapshotDetail({ region, name, pollSeconds, url, pricing }: { region: string; name: string; pollSeconds: number; url: ViewState; pricing: Pricing }) {
  const session = useSession()
  return (
    <SnapshotPage
      kind="instance"
      region={region}
      name={name}
      url={url}
      query={(inBackground) => snapshotQueries.detail(session, region, name, pollSeconds, inBackground)}
      more={(snapshot) => <MoreCardsLoaded snapshot={snapshot} region={region} pricing={pricing} url={url} />}
    />
  )
}
