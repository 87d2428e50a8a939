import type { MouseEvent, ReactNode } from 'react'
import { navigate, viewToSearch, type ViewState } from '../lib/url.ts'

/** A real link (open in a new tab works) that navigates in place on a plain click. */
/** `current`: the link to the view on screen (aria-current), as in a set of filters shown as links. */
/** `keepScroll`: a link that changes part of the page it is on stays where the reader is (no jump to the top). */
export function Link({ to, children, className, current, keepScroll = false }: { to: ViewState; children: ReactNode; className?: string; current?: boolean; keepScroll?: boolean }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
    if (!keepScroll) window.scrollTo(0, 0)
  }
  return (
    <a href={viewToSearch(to) || '?'} className={className} onClick={onClick} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  )
}
