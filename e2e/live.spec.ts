import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

// The page's clock is installed, so polling runs only when the test advances it; the emulator's pending snapshot
// completes on real time. Each advance fires due refreshes; the test then waits for what they show.
async function setVisibility(page: Page, state: 'hidden' | 'visible') {
  await page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s })
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' })
    document.dispatchEvent(new Event('visibilitychange'))
  }, state)
}

test('a pending snapshot is polled until it becomes available, says so, then polling stops', async ({ page, emulator }) => {
  await emulator.admin('reset', { pendingSeconds: 6 })
  await page.clock.install()
  await page.goto('./?region=us-east-2&snapshot=web-1-upgrade-2026')
  const state = page.getByTestId('status-state')
  await expect(state).toHaveText('pending')
  await expect(page).toHaveTitle('Pending: web-1-upgrade-2026 · Snapshot Lens')

  const progress = page.getByRole('progressbar', { name: 'Snapshot progress' })
  const first = Number(await progress.getAttribute('value'))
  const readings: number[] = []
  await expect
    .poll(
      async () => {
        await page.clock.runFor(1000)
        // Read state and progress in one go: the bar leaves the page the moment the state turns available.
        const now = await page.evaluate(() => ({
          state: document.querySelector('[data-testid="status-state"]')?.textContent,
          progress: document.querySelector('progress')?.getAttribute('value'),
        }))
        if (now.state === 'pending' && now.progress) readings.push(Number(now.progress))
        return now.state
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toBe('available')

  expect(readings.at(-1)).toBeGreaterThan(first)
  await expect(page.getByRole('status').filter({ hasText: 'web-1-upgrade-2026 is now available.' })).toBeVisible()
  await expect(page).toHaveTitle('✓ Available: web-1-upgrade-2026 · Snapshot Lens')
  await expect(page.getByRole('progressbar')).toHaveCount(0)

  // Polling has stopped: ten seconds later, a manual refresh is the only call that goes out.
  const before = await emulator.calls('Lightsail.GetInstanceSnapshot')
  await page.clock.runFor(10_000)
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled()
  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(before + 1)
})

test('the estimate of time left appears once progress has risen over three readings', async ({ page, emulator }) => {
  await emulator.admin('reset', { pendingSeconds: 30 })
  await page.clock.install()
  await page.goto('./?region=us-east-2&snapshot=web-1-upgrade-2026')
  const eta = page.getByTestId('eta')
  await expect(eta).toHaveText(/Estimating/)
  await expect
    .poll(
      async () => {
        await page.clock.runFor(1000)
        return eta.textContent()
      },
      { timeout: 20_000, intervals: [1000] },
    )
    .toMatch(/^about \d+ (seconds?|minutes?)/)
})

test('polling pauses while the tab is hidden and resumes when it is shown', async ({ page, emulator }) => {
  await page.clock.install()
  await page.goto('./?region=us-east-2&snapshot=db-primary-stuck')
  await expect(page.getByTestId('status-state')).toHaveText('pending')
  await expect.poll(() => emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(1)

  await setVisibility(page, 'hidden')
  await page.clock.runFor(10_000)
  await setVisibility(page, 'visible')
  // Back in view: polling resumes, and the hidden ten seconds sent nothing.
  await page.clock.runFor(1000)
  await expect.poll(() => emulator.calls('Lightsail.GetInstanceSnapshot')).toBeGreaterThanOrEqual(2)
  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBeLessThanOrEqual(3)
})
