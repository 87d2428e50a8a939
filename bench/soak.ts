// The soak: a page left open as on a wall screen or in a portal. One page watches a snapshot that stays pending,
// polled every second; another shows the inventory of every region; 10 % of Lightsail calls fail by injected faults. Reported: JS heap
// and DOM node growth between a settled start and the end (both after a forced garbage collection), and every error
// panel or stale-data notice that appeared on either page.
import type { Browser, CDPSession, Page } from '@playwright/test'
import { adminCall } from './processes.ts'

export interface SoakPageResult {
  heapStartBytes: number
  heapEndBytes: number
  heapGrowthBytes: number
  domNodesStart: number
  domNodesEnd: number
  domNodeGrowth: number
  listenersStart: number
  listenersEnd: number
  errorPanelsShown: number
  staleNoticesShown: number
}

export interface SoakResult {
  seconds: number
  faultRate: number
  lightsailCalls: number
  faultsInjected: number
  pages: Record<string, SoakPageResult>
}

declare global {
  interface Window {
    __seen?: { panels: number; stale: number }
  }
}

async function metrics(cdp: CDPSession): Promise<{ heap: number; nodes: number; listeners: number }> {
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics: list } = await cdp.send('Performance.getMetrics')
  const get = (name: string) => list.find((m) => m.name === name)?.value ?? NaN
  return { heap: get('JSHeapUsedSize'), nodes: get('Nodes'), listeners: get('JSEventListeners') }
}

async function open(browser: Browser, url: string, ready: (page: Page) => Promise<void>) {
  const context = await browser.newContext()
  // Counts error panels and stale notices as they appear, however briefly.
  await context.addInitScript(() => {
    window.__seen = { panels: 0, stale: 0 }
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue
          if (node.matches('.panel-error, .region-failures') || node.querySelector('.panel-error, .region-failures')) window.__seen!.panels += 1
          if (/The last refresh failed/.test(node.textContent ?? '')) window.__seen!.stale += 1
        }
      }
    }).observe(document, { subtree: true, childList: true })
  })
  const page = await context.newPage()
  await page.goto(url)
  await ready(page)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  return { context, page, cdp }
}

export async function soak(browser: Browser, appUrl: string, emulatorUrl: string, seconds: number, faultRate = 0.1): Promise<SoakResult> {
  await adminCall(emulatorUrl, 'reset', {})
  const watchers = {
    'pending snapshot, polled every second': await open(browser, `${appUrl}?region=us-east-2&snapshot=db-primary-stuck`, async (page) => {
      await page.getByTestId('status-state').filter({ hasText: 'pending' }).waitFor({ timeout: 30_000 })
    }),
    'inventory, every region': await open(browser, appUrl, async (page) => {
      await page.getByRole('grid').waitFor({ timeout: 60_000 })
      // Every region has answered or failed (the seeded account has two that refuse).
      await page.waitForFunction(() => /regions answered/.test(document.querySelector('.summary')?.textContent ?? '') && !/Still loading/.test(document.body.textContent ?? ''), null, { timeout: 60_000 })
    }),
  }
  // Let both pages settle (first polls, lazy chunks, formatters) before the baseline.
  await new Promise((resolve) => setTimeout(resolve, 5000))
  const start: Record<string, Awaited<ReturnType<typeof metrics>>> = {}
  for (const [name, w] of Object.entries(watchers)) {
    start[name] = await metrics(w.cdp)
    // What showed while loading (the seeded account's two refusing regions) is not the soak's.
    await w.page.evaluate(() => (window.__seen = { panels: 0, stale: 0 }))
  }
  await adminCall(emulatorUrl, 'faults', { kind: 'http500', rate: faultRate, service: 'lightsail' })
  const before = (await adminCall(emulatorUrl, 'counters')) as { calls: Record<string, number>; faultsInjected: number }
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  const after = (await adminCall(emulatorUrl, 'counters')) as { calls: Record<string, number>; faultsInjected: number }
  await adminCall(emulatorUrl, 'faults', undefined, 'DELETE')

  const pages: Record<string, SoakPageResult> = {}
  for (const [name, w] of Object.entries(watchers)) {
    const end = await metrics(w.cdp)
    const seen = await w.page.evaluate(() => window.__seen!)
    const s = start[name]!
    pages[name] = {
      heapStartBytes: s.heap,
      heapEndBytes: end.heap,
      heapGrowthBytes: end.heap - s.heap,
      domNodesStart: s.nodes,
      domNodesEnd: end.nodes,
      domNodeGrowth: end.nodes - s.nodes,
      listenersStart: s.listeners,
      listenersEnd: end.listeners,
      errorPanelsShown: seen.panels,
      staleNoticesShown: seen.stale,
    }
    await w.context.close()
  }
  const lightsail = (c: { calls: Record<string, number> }) =>
    Object.entries(c.calls).filter(([k]) => k.startsWith('Lightsail.')).reduce((n, [, v]) => n + v, 0)
  return {
    seconds,
    faultRate,
    lightsailCalls: lightsail(after) - lightsail(before),
    faultsInjected: after.faultsInjected - before.faultsInjected,
    pages,
  }
}
