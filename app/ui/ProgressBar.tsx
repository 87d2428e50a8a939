/**
 * A progress bar with an accessible value (a disk snapshot's reported progress). Without a percentage it is an
 * indeterminate indicator that says what is known instead: Lightsail reports no percentage for instance snapshots.
 */
export function ProgressBar({ percent, label, note }: { percent: number | undefined; label: string; note?: string }) {
  return (
    <div className="progress">
      <progress aria-label={label} max={100} value={percent} />
      <span className="progress-text" aria-hidden={percent === undefined ? undefined : 'true'}>
        {percent === undefined ? (note ?? 'Progress not reported') : `${percent}%`}
      </span>
    </div>
  )
}
