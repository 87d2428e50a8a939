import type { MouseEvent, ReactNode } from 'react'
import { navigate, viewToSearch, type ViewState } from '../lib/url.ts'

/** A real link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ to, children, className }: { to: ViewState; children: ReactNode; className?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
    window.scrollTo(0, 0)
  }
  return (
    <a href={viewToSearch(to) || '?'} className={className} onClick={onClick}>
      {children}
    </a>
  )
}
