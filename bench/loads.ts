// Loads of a snapshot link in headless Chromium, timed inside the page: from navigation to the frame that paints the
// Status card's state. Cold: a new browser profile each time (no cache, no storage). Warm: reloads in one profile, so
// the cached identity id skips GetId and the assets come from the HTTP cache.
import type { Browser, BrowserContext, Page } from '@playwright/test'

export interface Load {
  /** Navigation to the Status card's state painted. */
  dataMs: number
  /** Navigation to the first AWS request (through a relay, or to Cognito directly). */
  shellMs: number
  requests: { url: string; method: string }[]
  /** The JS and CSS files requested before the Status card's state was painted: what the budget counts. */
  assets: string[]
  /** Every JS and CSS file of the load, including the chunks requested as the Status card shows (the other cards). */
  allAssets: string[]
}

declare global {
  interface Window {
    __shownAt?: number
  }
}

/** Marks, inside the page, the frame in which the Status card first shows `available`. */
async function timeToData(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="status-state"]')?.textContent !== 'available') return
      observer.disconnect()
      requestAnimationFrame(() => (window.__shownAt = performance.now()))
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
}

/** The URL fragments that mark an AWS request: the relay paths, or Cognito's own origin when it is called directly. */
export type AwsMarkers = string[]

async function measure(page: Page, navigate: () => Promise<unknown>, markers: AwsMarkers): Promise<Load> {
  const requests: Load['requests'] = []
  const onRequest = (r: { url(): string; method(): string }) => requests.push({ url: r.url(), method: r.method() })
  page.on('request', onRequest)
  await navigate()
  await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 30_000 })
  page.off('request', onRequest)
  // Chunks the page asks for as the Status card shows (the other cards) are part of the whole load, not of its time to data.
  await page.waitForLoadState('networkidle')
  const timing = await page.evaluate((awsMarkers) => {
    const entries = performance.getEntriesByType('resource')
    const firstAws = entries.find((e) => awsMarkers.some((m) => e.name.includes(m)))
    // No named functions in here: the page runs this source as it is, without the bundler's helpers.
    const assets = entries.filter((e) => /\/assets\/.*\.(js|css)$/.test(new URL(e.name).pathname))
    return {
      dataMs: window.__shownAt!,
      shellMs: firstAws ? firstAws.startTime : NaN,
      assets: assets.filter((e) => e.startTime < window.__shownAt!).map((e) => new URL(e.name).pathname.split('/').pop()!),
      allAssets: assets.map((e) => new URL(e.name).pathname.split('/').pop()!),
    }
  }, markers)
  return { ...timing, requests }
}

export async function coldLoads(browser: Browser, link: string, runs: number, markers: AwsMarkers): Promise<Load[]> {
  const loads: Load[] = []
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext()
    try {
      await timeToData(context)
      const page = await context.newPage()
      loads.push(await measure(page, () => page.goto(link, { waitUntil: 'commit' }), markers))
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
    await timeToData(context)
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
    await timeToData(context)
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
 * Reloads of a signed-in page: sign in once through the provider's page (`signIn`), then reload. The tokens are in
 * storage and the identity id is cached, so each reload is two round trips to data, without the sign-in library.
 */
export async function signedInReloads(browser: Browser, link: string, runs: number, markers: AwsMarkers, signIn: (page: Page) => Promise<void>): Promise<Load[]> {
  const context = await browser.newContext()
  const loads: Load[] = []
  try {
    await timeToData(context)
    const page = await context.newPage()
    await page.goto(link)
    await signIn(page)
    await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 30_000 })
    for (let i = 0; i < runs; i++) loads.push(await measure(page, () => page.reload({ waitUntil: 'commit' }), markers))
  } finally {
    await context.close()
  }
  return loads
}
