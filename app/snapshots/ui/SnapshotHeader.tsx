import { regionLabel } from '../../lib/regions.ts'
import { standaloneLink, type SnapshotKind } from '../../lib/url.ts'
import { CopyButton } from '../../ui/CopyButton.tsx'
import { StatusBadge } from '../../ui/StatusBadge.tsx'
import { cliCommand, rawResponseJson } from '../model.ts'

function download(name: string, snapshot: object, kind: SnapshotKind) {
  const url = URL.createObjectURL(new Blob([rawResponseJson(snapshot, kind)], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = `${name}.json`
  link.click()
  window.setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function SnapshotHeader({
  region,
  name,
  kind,
  snapshot,
  onRefresh,
  refreshing,
}: {
  region: string
  name: string
  kind: SnapshotKind
  snapshot?: { state?: string; progress?: string; arn?: string }
  onRefresh: () => void
  refreshing: boolean
}) {
  return (
    <header className="snapshot-header">
      <div className="snapshot-title">
        <h1>{name}</h1>
        {snapshot ? <StatusBadge state={snapshot.state} detail={kind === 'disk' ? snapshot.progress : undefined} /> : null}
        <span className="muted">
          {kind === 'disk' ? 'Disk snapshot · ' : ''}
          {regionLabel(region)}
        </span>
      </div>
      <div className="actions" role="group" aria-label="Snapshot actions">
        {/* The link a teammate can open: in a portal's frame, the standalone page, not the embedded one. */}
        <CopyButton text={standaloneLink()} label="Copy link" />
        {snapshot?.arn ? <CopyButton text={snapshot.arn} label="Copy ARN" /> : null}
        <CopyButton text={cliCommand(region, name, kind)} label="Copy CLI command" />
        {snapshot ? (
          <button type="button" className="button" onClick={() => download(name, snapshot, kind)}>
            Download JSON
          </button>
        ) : null}
        <button type="button" className="button" onClick={onRefresh} disabled={refreshing} aria-busy={refreshing || undefined}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
    </header>
  )
}
