// Loads of a snapshot link (or an inventory) in headless Chromium, timed inside the page: from navigation to the frame
// that paints the Status card's state (or the first row). Cold: a new browser profile each time (no cache, no storage). Warm: reloads in one profile, so
// the cached identity id skips GetId and the assets come from the HTTP cache.
import type { Browser, Page } from '@playwright/test'
import { DATA_MARKS, loadedAssets, markData, type DataMark } from './first-load.ts'

export interface Load {
  /** Navigation to the data painted (the Status card's state, or an inventory's first row). */
  dataMs: number
  /** Navigation to the end of the last Cognito answer: the credentials in hand. */
  credentialsAtMs: number
  /** Navigation to the first AWS request (through a relay, or to Cognito directly). */
  shellMs: number
  requests: { url: string; method: string }[]
  /** The JS and CSS files requested before the data was in the DOM: the first load (bench/first-load.ts). */
  assets: string[]
  /** Every JS and CSS file of the load, including the chunks requested as the Status card shows (the other cards). */
  allAssets: string[]
}

/** The URL fragments that mark an AWS request, Cognito's first: the relay paths, or Cognito's own origin when it is called directly. */
export type AwsMarkers = string[]

async function measure(page: Page, navigate: () => Promise<unknown>, markers: AwsMarkers, settle = true): Promise<Load> {
  const requests: Load['requests'] = []
  const onRequest = (r: { url(): string; method(): string }) => requests.push({ url: r.url(), method: r.method() })
  page.on('request', onRequest)
  await navigate()
  const { beforeData, all } = await loadedAssets(page)
  page.off('request', onRequest)
  // Chunks the page asks for as the Status card shows (the other cards) are part of the whole load, not of its time to
  // data (an inventory, still loading its regions, is not waited for).
  if (settle) await page.waitForLoadState('networkidle')
  const timing = await page.evaluate((awsMarkers) => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
    const firstAws = entries.find((e) => awsMarkers.some((m) => e.name.includes(m)))
    const cognito = entries.filter((e) => e.name.includes(awsMarkers[0]!))
    return {
      dataMs: window.__shownAt!,
      shellMs: firstAws ? firstAws.startTime : NaN,
      credentialsAtMs: cognito.length ? Math.max(...cognito.map((e) => e.responseEnd)) : NaN,
    }
  }, markers)
  return { ...timing, requests, assets: beforeData, allAssets: settle ? (await loadedAssets(page)).all : all }
}

/** Loads in a new profile each (no cache, no storage), timed to `mark` (the Status card's state by default). */
export async function coldLoads(browser: Browser, link: string, runs: number, markers: AwsMarkers, mark: DataMark = DATA_MARKS.detail, settle = true): Promise<Load[]> {
  const loads: Load[] = []
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext()
    try {
      await markData(context, mark)
      const page = await context.newPage()
      loads.push(await measure(page, () => page.goto(link, { waitUntil: 'commit' }), markers, settle))
    } finally {
      await context.close()
    }
  }
  return loads
}

export async function warmReloads(browser: Browser, link: string, runs: number, markers: AwsMarkers): Promise<Load[]> {
  const context = await browser.newContext()
  const loads: Load[] = []
  try {
    await markData(context, DATA_MARKS.detail)
    const page = await context.newPage()
    await measure(page, () => page.goto(link, { waitUntil: 'commit' }), markers)
    for (let i = 0; i < runs; i++) loads.push(await measure(page, () => page.reload({ waitUntil: 'commit' }), markers))
  } finally {
    await context.close()
  }
  return loads
}

/** The requests one press of Refresh makes, after a load. */
export async function refreshRequests(browser: Browser, link: string): Promise<string[]> {
  const context = await browser.newContext()
  try {
    await markData(context, DATA_MARKS.detail)
    const page = await context.newPage()
    await page.goto(link)
    await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 30_000 })
    const seen: string[] = []
    page.on('request', (r) => seen.push(`${r.method()} ${new URL(r.url()).pathname}`))
    await page.getByRole('button', { name: 'Refresh' }).click()
    await page.waitForFunction(() => !document.querySelector('button[aria-busy="true"]'), null, { timeout: 10_000 })
    return seen
  } finally {
    await context.close()
  }
}

/**
 * A signed-in page: signed in once through the provider's page (`signIn`), then reloaded as often as asked. The tokens
 * are in storage and the identity id is cached, so each reload is two round trips to data.
 */
export async function signedInPage(browser: Browser, link: string, markers: AwsMarkers, signIn: (page: Page) => Promise<void>) {
  const context = await browser.newContext()
  await markData(context, DATA_MARKS.detail)
  const page = await context.newPage()
  await page.goto(link)
  await signIn(page)
  await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 30_000 })
  await page.waitForLoadState('networkidle')
  return {
    reload: () => measure(page, () => page.reload({ waitUntil: 'commit' }), markers),
    close: () => context.close(),
  }
}
