// Time left for a pending snapshot, from how its progress moved between refreshes. Shown only when the points make an
// honest line: at least three, spanning real time, moving forward.

export interface ProgressSample {
  /** Epoch milliseconds when the progress was read. */
  at: number
  /** 0 to 100. */
  percent: number
}

export const MIN_SAMPLES = 3
const MIN_SPAN_MS = 2000
const KEEP = 20

/** "42%" → 42; anything else (null, "n/a", "150%") → undefined. */
export function parsePercent(progress: string | undefined | null): number | undefined {
  const m = /^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$/.exec(progress ?? '')
  if (!m) return undefined
  const n = Number(m[1])
  return n <= 100 ? n : undefined
}

/** Adds a reading; a fall in progress means the snapshot started over, so earlier points no longer apply. */
export function addSample(samples: readonly ProgressSample[], sample: ProgressSample): ProgressSample[] {
  const last = samples[samples.length - 1]
  if (last && sample.percent < last.percent) return [sample]
  if (last && sample.at <= last.at) return [...samples]
  return [...samples, sample].slice(-KEEP)
}

export interface Estimate {
  /** Milliseconds until 100%, counted from the newest sample. */
  remainingMs: number
  /** Percent per minute. */
  ratePerMinute: number
  finishesAt: number
}

/** Least-squares line through the samples; undefined when there are too few, too close, or not rising. */
export function estimateCompletion(samples: readonly ProgressSample[]): Estimate | undefined {
  if (samples.length < MIN_SAMPLES) return undefined
  const first = samples[0]!
  const last = samples[samples.length - 1]!
  if (last.at - first.at < MIN_SPAN_MS || last.percent <= first.percent) return undefined
  const n = samples.length
  const meanT = samples.reduce((s, p) => s + (p.at - first.at), 0) / n
  const meanP = samples.reduce((s, p) => s + p.percent, 0) / n
  let num = 0
  let den = 0
  for (const p of samples) {
    const dt = p.at - first.at - meanT
    num += dt * (p.percent - meanP)
    den += dt * dt
  }
  const slope = num / den // percent per millisecond
  if (!(slope > 0)) return undefined
  const remainingMs = (100 - last.percent) / slope
  return { remainingMs, ratePerMinute: slope * 60_000, finishesAt: last.at + remainingMs }
}
