import { useState } from 'react'

/** Copies text (or what `text` makes, on the click) to the clipboard and says so to sighted and screen-reader users alike. */
export function CopyButton({ text, label, className = '' }: { text: string | (() => string); label: string; className?: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text)
      setStatus('copied')
    } catch {
      setStatus('failed')
    }
    window.setTimeout(() => setStatus('idle'), 2500)
  }
  return (
    <span className="copy">
      <button type="button" className={`button ${className}`} onClick={copy}>
        {label}
      </button>
      <span role="status" className={status === 'idle' ? 'visually-hidden' : 'copy-status'}>
        {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed: select and copy by hand' : ''}
      </span>
    </span>
  )
}
