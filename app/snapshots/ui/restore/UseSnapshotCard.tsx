// The "Use this snapshot" card: restore, copy, export. Its commands, their checks and the reads behind their choices
// (bundles, zones, regions) are code and calls a snapshot link does not need to answer "can I use it?", so they load
// when the card is scrolled near, or at once when the link asks for a prepared command (`use=`, `auto=`): a
// teammate's link opens it.
import { useEffect, useId, useRef, useState } from 'react'
import type { DiskSnapshot } from '../../../aws/disk-snapshots.ts'
import type { InstanceSnapshot } from '../../../aws/snapshots.ts'
import type { ViewState } from '../../../lib/url.ts'
import { loadable } from '../../../ui/loadable.tsx'

const RestoreSection = loadable(() => import('./RestoreSection.tsx').then((m) => m.RestoreSection), () => <p className="muted">Loading the commands…</p>)

export type RestoreTarget = { kind: 'instance'; snapshot: InstanceSnapshot } | { kind: 'disk'; snapshot: DiskSnapshot }

/** How far below the viewport the card starts loading, so it is ready when it scrolls in. */
const AHEAD = '300px'

export function UseSnapshotCard({ target, region, url }: { target: RestoreTarget; region: string; url: ViewState }) {
  const headingId = useId()
  const ref = useRef<HTMLElement>(null)
  const asked = url.use !== undefined || url.auto !== undefined
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined')
  useEffect(() => {
    const element = ref.current
    if (near || !element) return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true)
    }, { rootMargin: AHEAD })
    observer.observe(element)
    return () => observer.disconnect()
  }, [near])
  // A link that asks for a prepared command brings the card into view once, when the page opens with it or an
  // automatic snapshot's "Use" link is followed: once the card shows its command (or what stands in its way), since the
  // card grows as its section loads, and a card brought into view before that was carried off by the page's scroll
  // anchoring.
  const wanted = asked ? `${url.use ?? ''}/${url.auto ?? ''}` : undefined
  useEffect(() => {
    const card = ref.current
    if (!wanted || !card) return
    const bring = () => {
      if (!card.querySelector('.restore-command, [role="alert"]')) return false
      card.scrollIntoView({ block: 'start' })
      return true
    }
    if (bring()) return
    const observer = new MutationObserver(() => {
      if (bring()) observer.disconnect()
    })
    observer.observe(card, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [wanted])

  const auto = target.kind === 'instance' && url.auto !== undefined
  const title = auto
    ? `Use the ${url.auto === 'latest' ? 'latest automatic snapshot' : `automatic snapshot of ${url.auto}`} of ${target.snapshot.fromInstanceName ?? 'its instance'}`
    : 'Use this snapshot'
  return (
    <section ref={ref} className="card card-use" aria-labelledby={headingId} id="use-this-snapshot">
      <header className="card-header">
        <h2 id={headingId}>{title}</h2>
      </header>
      {near || asked ? (
        <RestoreSection target={target} region={region} url={url} />
      ) : (
        <p className="muted">New instance, copy to another region, export to EC2: the commands load as this card comes into view.</p>
      )}
    </section>
  )
}
