/** A progress bar with an accessible value; an unreadable progress is shown as indeterminate. */
export function ProgressBar({ percent, label }: { percent: number | undefined; label: string }) {
  return (
    <div className="progress">
      <progress aria-label={label} max={100} value={percent} />
      <span className="progress-text" aria-hidden="true">
        {percent === undefined ? 'Progress not reported' : `${percent}%`}
      </span>
    </div>
  )
}
