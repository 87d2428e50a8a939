// "Notify me when it's ready": permission is asked only when the reader clicks, and while they wait the page keeps
// polling in a hidden tab (at a gentler pace, see queries.ts), then shows one notification naming the snapshot and how
// it ended. The tab title changes anyway (SnapshotPage).
import { useCallback, useEffect, useRef, useState } from 'react'

export type NotifyState =
  /** This browser (or a portal's frame) cannot show notifications: the control is not offered. */
  | 'unsupported'
  | 'off'
  | 'asking'
  | 'watching'
  /** The reader (or the browser) refused: said once, with what still works. */
  | 'blocked'
  | 'sent'

export interface Notify {
  state: NotifyState
  start: () => void
  stop: () => void
}

function supported(embedded: boolean): boolean {
  // Browsers refuse permission prompts from cross-origin frames: in a portal, the control would only fail.
  return !embedded && typeof window !== 'undefined' && 'Notification' in window
}

/** The control's state: asked for before the page's query, whose polling in a hidden tab depends on it. */
export function useNotify(embedded: boolean, onWatching: (watching: boolean) => void): Notify & { setState: (state: NotifyState) => void } {
  const [state, setStateOnly] = useState<NotifyState>(() => (supported(embedded) ? 'off' : 'unsupported'))
  // The page polls in a hidden tab only while someone watches: it hears of every change.
  const setState = useCallback((next: NotifyState) => {
    setStateOnly(next)
    onWatching(next === 'watching')
  }, [onWatching])
  const start = useCallback(() => {
    if (!supported(embedded)) return
    const ask = Notification.permission === 'granted' ? Promise.resolve<NotificationPermission>('granted') : Notification.requestPermission()
    setState('asking')
    ask.then(
      (permission) => setState(permission === 'granted' ? 'watching' : 'blocked'),
      () => setState('blocked'),
    )
  }, [embedded, setState])
  const stop = useCallback(() => setState('off'), [setState])
  return { state, start, stop, setState }
}

/**
 * While watching, the moment the page sees the snapshot settle sends one notification naming it and how it ended
 * (`settled` is set by the page's query when it sees the snapshot leave pending).
 */
export function useSettledNotification(notify: ReturnType<typeof useNotify>, name: string, settled: { at: number; state: string } | undefined): void {
  const sentFor = useRef<number | undefined>(undefined)
  const { state, setState } = notify
  useEffect(() => {
    if (state !== 'watching' || !settled || sentFor.current === settled.at) return
    sentFor.current = settled.at
    const ended = settled.state === 'error' ? 'failed' : `is ${settled.state}`
    try {
      new Notification(`${name} ${ended}`, {
        body: settled.state === 'error' ? 'Open Snapshot Lens to see why.' : 'It is ready to use.',
        tag: `snapshot-lens:${name}`,
      })
    } catch {
      // Some browsers allow notifications only from a service worker; the title and the page still say it.
    }
    setState('sent')
  }, [state, setState, settled, name])
}
