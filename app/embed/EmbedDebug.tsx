// `&embed-debug=1`: a small panel under the embedded view with what crossed the frame's edge: messages accepted,
// ignored (by why) and sent. For the portal's developers while they wire the protocol up.
import { useSyncExternalStore } from 'react'
import { createRoot } from 'react-dom/client'
import type { EmbedChannel } from './channel.ts'

function EmbedDebug({ channel }: { channel: EmbedChannel }) {
  const counts = useSyncExternalStore(channel.subscribeCounts, channel.currentCounts)
  const ignored = Object.entries(counts.ignored)
  return (
    <aside className="embed-debug" aria-labelledby="embed-debug-title">
      <h2 id="embed-debug-title">Embedding diagnostics</h2>
      <dl>
        {[
          ['Portal', 'portal', channel.parentOrigin],
          ['Accepted', 'accepted', counts.accepted],
          ['Sent', 'sent', counts.sent],
          ...ignored.map(([reason, n]) => [`Ignored: ${reason}`, `ignored-${reason}`, n] as const),
          ['Last ignored', 'last-ignored', counts.lastIgnored ?? 'none'],
        ].map(([term, id, value]) => (
          <div key={id}>
            <dt>{term}</dt>
            <dd data-testid={`embed-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </aside>
  )
}

export function mountEmbedDebug(channel: EmbedChannel): void {
  const host = document.createElement('div')
  document.body.append(host)
  createRoot(host).render(<EmbedDebug channel={channel} />)
}
