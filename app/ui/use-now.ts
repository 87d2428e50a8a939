// The current time for relative times and countdowns, from one shared timer per interval. Only the small components
// that show a time subscribe, so a tick re-renders a few text nodes, not the cards around them: a page left open for
// days on a wall screen does the same small amount of work every second.
import { useSyncExternalStore } from 'react'

interface Ticker {
  now: number
  listeners: Set<() => void>
  timer?: ReturnType<typeof setInterval>
}

const tickers = new Map<number, Ticker>()

function ticker(intervalMs: number): Ticker {
  let found = tickers.get(intervalMs)
  if (!found) {
    found = { now: Date.now(), listeners: new Set() }
    tickers.set(intervalMs, found)
  }
  return found
}

// A ticker's `now` changes only when its timer fires: React reads it during render and again before committing, and a
// value that moved in between (say, a ticker dropped and made afresh as rows scroll in and out) would make it render
// again, and again. Tickers are kept (there is one per interval in use); only their timers stop when nobody listens.
function subscribe(intervalMs: number, listener: () => void): () => void {
  const t = ticker(intervalMs)
  t.listeners.add(listener)
  if (t.listeners.size === 1) {
    t.timer = setInterval(() => {
      t.now = Date.now()
      for (const l of t.listeners) l()
    }, intervalMs)
  }
  return () => {
    t.listeners.delete(listener)
    if (t.listeners.size === 0) clearInterval(t.timer)
  }
}

/** The current time, updated every `intervalMs` (one timer for every component asking for the same interval). */
export function useNow(intervalMs = 1000): number {
  return useSyncExternalStore(
    (listener) => subscribe(intervalMs, listener),
    () => ticker(intervalMs).now,
  )
}

/** How often a relative time such as "3 minutes ago" needs refreshing, given how far away it is. */
export function refreshIntervalFor(distanceMs: number): number {
  const abs = Math.abs(distanceMs)
  if (abs < 60_000) return 1000
  if (abs < 3_600_000) return 10_000
  if (abs < 86_400_000) return 60_000
  return 600_000
}
