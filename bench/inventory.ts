// The inventory at scale: a generated account of 10,000 snapshots over the Lightsail regions, every region asked at
// once. Timed inside the page:
//   - first rows: from the credentials arriving (the end of the last Cognito response) to the frame that paints the
//     first row, against one round trip of a region's first page measured from Node;
//   - every region loaded: navigation to the frame in which the summary says every region answered;
//   - a filter keystroke: from the key event to the end of the work it causes (input delay, handlers and React's render:
//     what the 16 ms budget is about), to the frame after it (which adds the wait for the display's next frame), and
//     to the frame after the list follows (aria-busy on the results cleared); typed steadily (each key once the list
//     has followed) and fast (a key every 80 ms, whatever the list is doing);
//   - a sort: from the click on a column heading to the frame after the list is sorted;
//   - the grid's DOM rows, at the top and scrolled half-way, and the JS heap once everything is loaded (after a GC).
import type { Browser, BrowserContext, Page } from '@playwright/test'

export interface InventoryResult {
  snapshots: number
  regions: number
  credentialsAtMs: number
  firstRowsAtMs: number
  firstRowsAfterCredentialsMs: number
  allRegionsAtMs: number
  lightsailRequests: number
  keystrokes: { typed: string; fastTyped: string; toIdleMs: number[]; fastToIdleMs: number[]; toPaintMs: number[]; toListMs: number[] }
  sorts: { column: string; toListMs: number }[]
  domRows: { top: number; middle: number }
  heapBytes: number
}

declare global {
  interface Window {
    __inventory?: {
      firstRowsAt?: number
      allRegionsAt?: number
      typed: { toIdle?: number; toPaint?: number; toList?: number }[]
      sorted: number[]
      keyAt?: number
      clickAt?: number
    }
  }
}

/** After the frame that paints the current DOM: a message posted from requestAnimationFrame runs once it is drawn. */
export function instrument(): void {
  const marks: NonNullable<Window['__inventory']> = { typed: [], sorted: [] }
  window.__inventory = marks
  const afterPaint = (then: (at: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => then(performance.now())
      channel.port2.postMessage(null)
    })
  document.addEventListener('keydown', (e) => (marks.keyAt = e.timeStamp), true)
  document.addEventListener('click', (e) => (marks.clickAt = e.timeStamp), true)
  document.addEventListener(
    'input',
    () => {
      const key = marks.keyAt
      if (key === undefined) return
      const entry: { toIdle?: number; toPaint?: number; toList?: number } = {}
      marks.typed.push(entry)
      afterPaint((at) => (entry.toPaint = at - key))
    },
    true,
  )
  // Window listeners run after React's (on the root element), and React renders a keystroke's update in a microtask
  // before them: this is the end of the keystroke's work.
  window.addEventListener('input', () => {
    const entry = marks.typed.at(-1)
    if (entry && entry.toIdle === undefined && marks.keyAt !== undefined) entry.toIdle = performance.now() - marks.keyAt
  })
  let wasBusy = false
  new MutationObserver(() => {
    if (marks.firstRowsAt === undefined && document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]')) {
      marks.firstRowsAt = -1
      afterPaint((at) => (marks.firstRowsAt = at))
    }
    const summary = document.querySelector('.inventory .summary')?.textContent ?? ''
    const answered = /^(\d+) of (\d+) regions? answered/.exec(summary)
    if (marks.allRegionsAt === undefined && answered && answered[1] === answered[2] && !/Still loading/.test(document.body.textContent ?? '')) {
      marks.allRegionsAt = -1
      afterPaint((at) => (marks.allRegionsAt = at))
    }
    const busy = document.querySelector('.inventory-results')?.getAttribute('aria-busy') === 'true'
    if (wasBusy && !busy) {
      const typed = marks.typed.at(-1)
      if (typed && typed.toList === undefined && marks.keyAt !== undefined) {
        const key = marks.keyAt
        typed.toList = -1
        afterPaint((at) => (typed.toList = at - key))
      } else if (marks.clickAt !== undefined) {
        const click = marks.clickAt
        marks.clickAt = undefined
        afterPaint((at) => marks.sorted.push(at - click))
      }
    }
    wasBusy = busy
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] })
}

/** The instance snapshots the summary counts: "11000 snapshots (10000 instance, 1000 disk)", or "10000 snapshots". */
export function instanceSnapshotsListed(summary: string): number {
  const [, total, instance] = /· ([\d,]+) snapshots?(?: \(([\d,]+) instance)?/.exec(summary) ?? []
  return Number((instance ?? total ?? '').replace(/,/g, ''))
}

/** Fails unless the summary counts the account's instance snapshots, all of them. */
function expectListed(summary: string, expected: number): void {
  const listed = instanceSnapshotsListed(summary)
  if (listed !== expected) throw new Error(`the inventory lists ${listed} instance snapshots, not ${expected}: ${summary}`)
}

/**
 * tsx keeps function names with a `__name` helper that the page lacks: code handed to the page (init scripts,
 * evaluations) runs only with a stand-in there, which every page of `context` gets first.
 */
export async function withNameHelper(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' })
}

const round = (list: number[]) => list.map((v) => +v.toFixed(1))
const rowsInGrid = (page: Page) => page.evaluate(() => document.querySelectorAll('[role="grid"] [role="row"]').length)

export async function inventoryAtScale(browser: Browser, appUrl: string, expected: { snapshots: number }): Promise<InventoryResult> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  try {
    await withNameHelper(context)
    await context.addInitScript(instrument)
    const page = await context.newPage()
    let lightsailRequests = 0
    page.on('request', (r) => void (r.url().includes('/aws/lightsail/') && (lightsailRequests += 1)))
    await page.goto(appUrl, { waitUntil: 'commit' })
    await page.waitForFunction(() => (window.__inventory?.allRegionsAt ?? -1) > 0, null, { timeout: 120_000 })
    const loaded = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      const cognito = entries.filter((e) => e.name.includes('/aws/cognito-identity/'))
      const summary = document.querySelector('.inventory .summary')?.textContent ?? ''
      return {
        credentialsAt: Math.max(...cognito.map((e) => e.responseEnd)),
        firstRowsAt: window.__inventory!.firstRowsAt!,
        allRegionsAt: window.__inventory!.allRegionsAt!,
        summary,
      }
    })
    const [, regions] = /of (\d+) regions? answered/.exec(loaded.summary) ?? []
    expectListed(loaded.summary, expected.snapshots)

    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    await cdp.send('HeapProfiler.collectGarbage')
    const { metrics } = await cdp.send('Performance.getMetrics')
    const heapBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN

    const top = await rowsInGrid(page)
    await page.getByRole('grid').evaluate((grid) => (grid.scrollTop = grid.scrollHeight / 2))
    await page.waitForFunction(() => Number(document.querySelector('[role="grid"] [role="row"][aria-rowindex]:not([aria-rowindex="1"]):not([aria-rowindex="2"])')?.getAttribute('aria-rowindex')) > 1000)
    const middle = await rowsInGrid(page)
    await page.getByRole('grid').evaluate((grid) => (grid.scrollTop = 0))

    // Typing a query a key at a time, each key once the list has followed the one before (as a steady typist would
    // see it), then clearing it key by key.
    const typed = 'web-1 production'
    const search = page.getByLabel('Search', { exact: true })
    await search.click()
    const keys = [...typed, ...Array.from(typed, () => 'Backspace')]
    for (const [i, key] of keys.entries()) {
      await page.keyboard.press(key)
      await page.waitForFunction((n) => {
        const t = window.__inventory!.typed
        return t.length > n && (t[n]!.toPaint ?? -1) >= 0 && ((t[n]!.toList ?? -1) >= 0 || document.querySelector('.inventory-results')?.getAttribute('aria-busy') !== 'true')
      }, i)
      // A key that changes nothing the list shows (a trailing space) never makes it busy: it has no list time.
      await page.waitForFunction((n) => window.__inventory!.typed[n]!.toList !== -1, i)
    }
    const steady = await page.evaluate(() => window.__inventory!.typed.length)
    // A fast typist: a key every 80 ms, whatever the list is doing; then the field is cleared the same way.
    const fastTyped = 'db-2 staging'
    await page.keyboard.type(fastTyped, { delay: 80 })
    for (let i = 0; i < fastTyped.length; i++) {
      await page.keyboard.press('Backspace')
      await new Promise((resolve) => setTimeout(resolve, 80)) // the typist's pace, not a wait for the page
    }
    await page.waitForFunction(
      (n) => window.__inventory!.typed.length >= n && window.__inventory!.typed.every((t) => (t.toPaint ?? -1) >= 0) && document.querySelector('.inventory-results')?.getAttribute('aria-busy') !== 'true',
      steady + 2 * fastTyped.length,
    )
    const marks = await page.evaluate(() => window.__inventory!.typed)
    const toIdleMs = marks.slice(0, steady).map((m) => m.toIdle!)
    const fastToIdleMs = marks.slice(steady).map((m) => m.toIdle!)
    const toPaintMs = marks.slice(0, steady).map((m) => m.toPaint!)
    const toListMs = marks.slice(0, steady).map((m) => m.toList).filter((v): v is number => v !== undefined && v >= 0)

    const sorts: InventoryResult['sorts'] = []
    for (const column of ['Name', 'Name', 'Size', 'Source instance', 'Created']) {
      const before = await page.evaluate(() => window.__inventory!.sorted.length)
      await page.getByRole('columnheader', { name: column, exact: false }).getByRole('button').click()
      await page.waitForFunction((n) => window.__inventory!.sorted.length > n, before)
      sorts.push({ column, toListMs: await page.evaluate(() => window.__inventory!.sorted.at(-1)!) })
    }

    return {
      snapshots: expected.snapshots,
      regions: Number(regions),
      credentialsAtMs: Math.round(loaded.credentialsAt),
      firstRowsAtMs: Math.round(loaded.firstRowsAt),
      firstRowsAfterCredentialsMs: Math.round(loaded.firstRowsAt - loaded.credentialsAt),
      allRegionsAtMs: Math.round(loaded.allRegionsAt),
      lightsailRequests,
      keystrokes: { typed, fastTyped, toIdleMs: round(toIdleMs), fastToIdleMs: round(fastToIdleMs), toPaintMs: round(toPaintMs), toListMs: round(toListMs) },
      sorts: sorts.map((s) => ({ ...s, toListMs: +s.toListMs.toFixed(1) })),
      domRows: { top, middle },
      heapBytes,
    }
  } finally {
    await context.close()
  }
}

export interface InventoryLoad {
  firstRowsAtMs: number
  allRegionsAtMs: number
  credentialsAtMs: number
  lightsailRequests: number
  /** The protocols the Lightsail requests went over (ALPN's names: http/1.1, h2). */
  protocols: string[]
}

/** One cold load of the inventory, to every region answered (a certificate error is accepted when asked: `tls`). */
export async function inventoryLoad(browser: Browser, appUrl: string, expected: { snapshots: number }, tls = false): Promise<InventoryLoad> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ignoreHTTPSErrors: tls })
  try {
    await withNameHelper(context)
    await context.addInitScript(instrument)
    const page = await context.newPage()
    await page.goto(appUrl, { waitUntil: 'commit' })
    await page.waitForFunction(() => (window.__inventory?.allRegionsAt ?? -1) > 0 && (window.__inventory?.firstRowsAt ?? -1) > 0, null, { timeout: 120_000 })
    const loaded = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      const cognito = entries.filter((e) => e.name.includes('/aws/cognito-identity/'))
      const lightsail = entries.filter((e) => e.name.includes('/aws/lightsail/'))
      return {
        credentialsAtMs: Math.max(...cognito.map((e) => e.responseEnd)),
        firstRowsAtMs: window.__inventory!.firstRowsAt!,
        allRegionsAtMs: window.__inventory!.allRegionsAt!,
        lightsailRequests: lightsail.length,
        protocols: [...new Set(lightsail.map((e) => e.nextHopProtocol).filter(Boolean))],
        summary: document.querySelector('.inventory .summary')?.textContent ?? '',
      }
    })
    expectListed(loaded.summary, expected.snapshots)
    const { summary: _summary, ...times } = loaded
    return { ...times, firstRowsAtMs: Math.round(times.firstRowsAtMs), allRegionsAtMs: Math.round(times.allRegionsAtMs), credentialsAtMs: Math.round(times.credentialsAtMs) }
  } finally {
    await context.close()
  }
}
