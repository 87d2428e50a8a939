import type { AppError } from '../../aws/errors.ts'
import type { Theme } from '../../lib/url.ts'
import { Link } from '../../ui/Link.tsx'
import { ErrorPanel } from '../../ui/ErrorPanel.tsx'
import { errorCopy } from '../error-copy.ts'

export function SnapshotError({
  error,
  region,
  name,
  onRetry,
  retrying,
  theme,
  kind = 'instance',
}: {
  theme?: Theme
  kind?: 'instance' | 'disk'
  error: AppError
  region: string
  name: string
  onRetry: () => void
  retrying: boolean
}) {
  const copy = errorCopy(error, { region, name, kind, action: kind === 'disk' ? 'GetDiskSnapshot' : 'GetInstanceSnapshot' })
  return (
    <ErrorPanel
      title={copy.title}
      explanation={copy.explanation}
      nextStep={copy.nextStep}
      details={{ message: error.message, code: error.code, requestId: error.requestId }}
      onRetry={copy.retry ? onRetry : undefined}
      retrying={retrying}
    >
      {error.kind === 'not-found' ? (
        <Link className="button" to={{ region, theme }}>
          See all snapshots in {region}
        </Link>
      ) : null}
    </ErrorPanel>
  )
}
