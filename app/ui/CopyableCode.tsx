import { CopyButton } from './CopyButton.tsx'
import './CopyableCode.css'

/** An identifier (ARN, support code) shown in full, wrapping anywhere, with a button that copies it. */
export function CopyableCode({ value, label }: { value: string; label: string }) {
  return (
    <span className="with-copy">
      <code className="wrap">{value}</code>
      <CopyButton text={value} label={label} className="button-small" />
    </span>
  )
}
