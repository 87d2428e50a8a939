// Who frames this page, and whether they may: decided at boot, before anything is asked of AWS. Every ancestor's
// origin must be allowed (as CSP's frame-ancestors checks), not just the parent's. Ancestors come from
// `location.ancestorOrigins` where the browser has it, else from the referrer's origin (the portal's snippet asks for
// it with referrerpolicy="origin"); a page that cannot tell who frames it refuses.

export type Framing = { kind: 'top' } | { kind: 'allowed'; parentOrigin: string } | { kind: 'refused'; parentOrigin?: string }

export function framingOf(
  page: { framed: boolean; ancestorOrigins?: readonly string[]; referrer: string },
  allowedOrigins: readonly string[],
): Framing {
  if (!page.framed) return { kind: 'top' }
  let ancestors = page.ancestorOrigins ? [...page.ancestorOrigins] : []
  if (ancestors.length === 0) {
    try {
      ancestors = page.referrer ? [new URL(page.referrer).origin] : []
    } catch {
      ancestors = []
    }
  }
  const parentOrigin = ancestors[0]
  if (!parentOrigin || parentOrigin === 'null') return { kind: 'refused' }
  if (!ancestors.every((origin) => allowedOrigins.includes(origin))) return { kind: 'refused', parentOrigin }
  return { kind: 'allowed', parentOrigin }
}

/** This page's framing, read from the browser. */
export function currentFraming(allowedOrigins: readonly string[]): Framing {
  let framed: boolean
  try {
    framed = window.self !== window.top
  } catch {
    framed = true
  }
  const list = window.location.ancestorOrigins
  return framingOf({ framed, ancestorOrigins: list ? Array.from(list) : undefined, referrer: document.referrer }, allowedOrigins)
}
