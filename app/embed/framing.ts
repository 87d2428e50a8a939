// Who frames this page, and whether they may: decided at boot, before anything is asked of AWS. Every ancestor's
// origin must be allowed (as CSP's frame-ancestors checks), not just the parent's. Ancestors come from
// `location.ancestorOrigins` where the browser has it, else from the referrer's origin (the portal's snippet asks for
// it with referrerpolicy="origin"); a page that cannot tell who frames it refuses.

/** `blockedOrigin`: the ancestor that is not allowed (the parent, or a page around it), when it is known. */
export type Framing = { kind: 'top' } | { kind: 'allowed'; parentOrigin: string } | { kind: 'refused'; blockedOrigin?: string }

export function framingOf(
  page: { framed: boolean; ancestorOrigins?: readonly string[]; referrer: string; depth?: number },
  allowedOrigins: readonly string[],
): Framing {
  if (!page.framed) return { kind: 'top' }
  let ancestors = page.ancestorOrigins ? [...page.ancestorOrigins] : []
  if (ancestors.length === 0) {
    // The referrer names the parent only: pages around the parent cannot be checked, so a frame inside a frame refuses.
    if ((page.depth ?? 1) > 1) return { kind: 'refused' }
    try {
      ancestors = page.referrer ? [new URL(page.referrer).origin] : []
    } catch {
      ancestors = []
    }
  }
  const parentOrigin = ancestors[0]
  if (!parentOrigin || parentOrigin === 'null') return { kind: 'refused' }
  const blocked = ancestors.find((origin) => !allowedOrigins.includes(origin))
  if (blocked !== undefined) return blocked === 'null' ? { kind: 'refused' } : { kind: 'refused', blockedOrigin: blocked }
  return { kind: 'allowed', parentOrigin }
}

/** How many frames deep this page is (window.parent is readable across origins). */
function frameDepth(): number {
  let depth = 0
  let current: Window = window
  while (current !== current.parent && depth < 20) {
    current = current.parent
    depth += 1
  }
  return depth
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
  return framingOf({ framed, ancestorOrigins: list ? Array.from(list) : undefined, referrer: document.referrer, depth: framed ? frameDepth() : 0 }, allowedOrigins)
}
