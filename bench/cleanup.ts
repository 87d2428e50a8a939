// The clean-up view on the generated account (10,000 snapshots in a full run): from navigation to the first
// candidates on screen and to every region's candidates, and from a change of rule (keep=3 → keep=2 and back) to the
// frame after the list shows the new count. Times in the page's own clock (performance.now()).
import type { Browser } from '@playwright/test'
import { withNameHelper } from './inventory.ts'

export interface CleanupResult {
  firstCandidatesAtMs: number
  allCandidatesAtMs: number
  candidates: number
  ruleChangeMs: number[]
}

declare global {
  interface Window {
    __cleanup?: { firstAt?: number; summaries: { at: number; text: string }[] }
  }
}

export async function cleanupAtScale(browser: Browser, appUrl: string, changes = 10): Promise<CleanupResult> {
  const context = await browser.newContext()
  // Without it the marks below never run.
  await withNameHelper(context)
  const page = await context.newPage()
  try {
    await page.addInitScript(() => {
      const marks: NonNullable<Window['__cleanup']> = { summaries: [] }
      window.__cleanup = marks
      const seen = () => {
        if (marks.firstAt === undefined && document.querySelector('.cleanup [role="grid"] [role="row"][aria-rowindex="2"]')) {
          marks.firstAt = -1
          requestAnimationFrame(() => (marks.firstAt = performance.now()))
        }
        const text = document.querySelector('.cleanup-summary')?.textContent ?? ''
        if (text && text !== marks.summaries.at(-1)?.text) {
          const entry = { at: -1, text }
          marks.summaries.push(entry)
          requestAnimationFrame(() => (entry.at = performance.now()))
        }
      }
      new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true })
    })
    await page.goto(`${appUrl}?view=cleanup&keep=3`)
    // Every region answered (the summary says so), and which instances exist is known everywhere.
    await page.waitForFunction(
      () => {
        const summary = document.querySelector('.summary')?.textContent ?? ''
        const m = /(\d+) of (\d+) regions? answered/.exec(summary)
        const cleanup = document.querySelector('.cleanup-summary')?.textContent ?? ''
        return m !== null && m[1] === m[2] && !/still asking/.test(cleanup) && (window.__cleanup?.firstAt ?? -1) > 0
      },
      undefined,
      { timeout: 120_000, polling: 100 },
    )
    const loaded = await page.evaluate(() => {
      const last = window.__cleanup!.summaries.at(-1)!
      return { firstAt: window.__cleanup!.firstAt!, allAt: last.at, text: last.text }
    })
    const input = page.getByLabel('Manual snapshots beyond the newest … of each source')
    const ruleChangeMs: number[] = []
    for (let i = 0; i < changes; i++) {
      const before = await page.evaluate(() => window.__cleanup!.summaries.length)
      const started = await page.evaluate(() => performance.now())
      await input.fill(i % 2 === 0 ? '2' : '3')
      await page.waitForFunction((n) => window.__cleanup!.summaries.length > n && window.__cleanup!.summaries.at(-1)!.at > 0, before, { timeout: 30_000, polling: 'raf' })
      const at = await page.evaluate(() => window.__cleanup!.summaries.at(-1)!.at)
      ruleChangeMs.push(Math.round(at - started))
    }
    return {
      firstCandidatesAtMs: Math.round(loaded.firstAt),
      allCandidatesAtMs: Math.round(loaded.allAt),
      candidates: Number(/^(\d+) candidates?/.exec(loaded.text)?.[1] ?? 0),
      ruleChangeMs,
    }
  } finally {
    await context.close()
  }
}
