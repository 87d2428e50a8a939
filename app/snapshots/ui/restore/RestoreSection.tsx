// What "Use this snapshot" offers for the snapshot on the page, or for one of its source's automatic snapshots
// (`auto=<date>`): the uses that apply, each a link (the choice is in the URL), and the chosen one's form and command.
import { useQuery } from '@tanstack/react-query'
import { CHOICE_KEYS, USE_LABELS, USES, autoSubject, diskSubject, instanceSubject, type Subject } from '../../restore.ts'
import { contextQueries } from '../../context-queries.ts'
import { useSession } from '../../../session.tsx'
import type { RestoreUse, ViewState } from '../../../lib/url.ts'
import { Link } from '../../../ui/Link.tsx'
import { Time } from '../../../ui/Time.tsx'
import { ContextNote } from '../context/ContextNote.tsx'
import { RestoreForm } from './RestoreForm.tsx'
import type { RestoreTarget } from './UseSnapshotCard.tsx'
import './restore.css'

/** The page's view with another use chosen: the other use's choices are dropped, so a link carries only its own. */
export function withUse(url: ViewState, use: RestoreUse | undefined, auto = url.auto): ViewState {
  const view: ViewState = { ...url, use, auto }
  for (const key of CHOICE_KEYS) delete view[key]
  return view
}

const DESCRIPTIONS: Record<RestoreUse, string> = {
  'new-instance': 'a new instance, in a zone and bundle you choose',
  copy: 'a copy in another region, for a migration or disaster recovery',
  export: 'an image in Amazon EC2, where EC2 charges apply',
  keep: 'a manual snapshot that Lightsail does not replace with newer automatic ones',
  'new-disk': 'a new block storage disk, to attach to an instance in its zone',
}

function UseChoices({ subject, url }: { subject: Subject; url: ViewState }) {
  return (
    <ul className="use-choices" aria-label="What to make from it">
      {USES[subject.kind].map((use) => (
        <li key={use}>
          <Link to={withUse(url, use)} current={url.use === use} keepScroll className={url.use === use ? 'use-choice use-choice-current' : 'use-choice'}>
            {USE_LABELS[use]}
          </Link>{' '}
          <span className="muted">{DESCRIPTIONS[use]}</span>
        </li>
      ))}
    </ul>
  )
}

/** An automatic snapshot of the page's source instance: read its list and the instance today, then the same section. */
function AutoSection({ instance, date, region, url }: { instance: string; date: string; region: string; url: ViewState & { snapshot?: string } }) {
  const session = useSession()
  const autos = useQuery(contextQueries.autoSnapshots(session, region, instance))
  const source = useQuery(contextQueries.instance(session, region, instance))
  const back = (
    <Link to={withUse({ ...url, auto: undefined }, undefined, undefined)} keepScroll>
      Use {url.snapshot ?? 'the snapshot'} itself instead
    </Link>
  )
  if (autos.isError) return <ContextNote error={autos.error} action="GetAutoSnapshots" what={`the automatic snapshots of ${instance}`} onRetry={() => void autos.refetch()} />
  if (source.isError) return <ContextNote error={source.error} action="GetInstance" what={`how ${instance} is today`} onRetry={() => void source.refetch()} />
  if (!autos.data || !source.data) return <p className="muted">Loading the automatic snapshots of {instance}…</p>
  if (!autos.data.exists || !source.data.exists) {
    return (
      <p role="alert" className="notice notice-warning">
        {instance} no longer exists, and Lightsail deleted its automatic snapshots with it. {back}
      </p>
    )
  }
  const list = autos.data.autoSnapshots
  const subject = autoSubject(region, instance, date, list, source.data.instance)
  const taken = date === 'latest' ? list.find((a) => a.status === 'Success') : list.find((a) => a.date === date)
  return (
    <>
      <p className="use-from">
        {taken?.createdAt ? (
          <>
            Lightsail took it <Time date={taken.createdAt} />.{' '}
          </>
        ) : null}
        {back}
      </p>
      <Uses subject={subject} url={url} />
    </>
  )
}

function Uses({ subject, url, sourceInstance }: { subject: Subject; url: ViewState; sourceInstance?: string }) {
  return (
    <>
      <UseChoices subject={subject} url={url} />
      {url.use ? (
        <RestoreForm key={`${subject.kind}/${url.use}`} subject={subject} use={url.use} url={url} sourceInstance={sourceInstance} />
      ) : (
        <p className="muted">Choose one: its command appears here, ready to copy, with the choices it needs.</p>
      )}
    </>
  )
}

export function RestoreSection({ target, region, url }: { target: RestoreTarget; region: string; url: ViewState }) {
  if (target.kind === 'instance') {
    const instance = target.snapshot.fromInstanceName
    if (url.auto !== undefined) {
      if (!instance) return <p role="alert" className="notice notice-warning">This snapshot names no source instance, so it has no automatic snapshots to use.</p>
      return <AutoSection instance={instance} date={url.auto} region={region} url={url} />
    }
    return <Uses subject={instanceSubject(region, target.snapshot)} url={url} />
  }
  return (
    <>
      {url.auto !== undefined ? (
        <p role="alert" className="notice notice-warning">
          auto= names an automatic snapshot of an instance, and this is a disk snapshot&apos;s page: it was left aside.
        </p>
      ) : null}
      <Uses subject={diskSubject(region, target.snapshot)} url={url} sourceInstance={target.snapshot.fromInstanceName} />
    </>
  )
}
