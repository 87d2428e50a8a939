// "Notify me when it's ready", for a pending snapshot: see use-notify.ts.
import { useNotify, useSettledNotification } from './use-notify.ts'

export function NotifyControl({
  name,
  settled,
  embedded,
  onWatching,
}: {
  name: string
  settled: { at: number; state: string } | undefined
  embedded: boolean
  onWatching: (watching: boolean) => void
}) {
  const notify = useNotify(embedded, onWatching)
  useSettledNotification(notify, name, settled)
  switch (notify.state) {
    case 'unsupported':
    case 'sent':
      return null
    case 'off':
    case 'asking':
      return (
        <p className="notify">
          <button type="button" className="button button-small" onClick={notify.start} disabled={notify.state === 'asking'}>
            Notify me when it's ready
          </button>
        </p>
      )
    case 'watching':
      return (
        <p className="notify" role="status">
          You will get a notification when it is ready, even with this tab in the background.{' '}
          <button type="button" className="button button-small" onClick={notify.stop}>
            Stop
          </button>
        </p>
      )
    case 'blocked':
      return (
        <p className="notify" role="status">
          Notifications are blocked for this site, so none will come; the tab's title still changes when it is ready.
        </p>
      )
  }
}
