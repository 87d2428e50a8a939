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
  await expect(page.getByRole('progressbar', { name: 'Snapshot in progress' })).toBeVisible()

  await expect
    .poll(
      async () => {
        await page.clock.runFor(1000)
        return state.textContent()
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toBe('available')

  await expect(page.getByRole('status').filter({ hasText: 'web-1-upgrade-2026 is now available.' })).toBeVisible()
  await expect(page).toHaveTitle('✓ Available: web-1-upgrade-2026 · Snapshot Lens')
  await expect(page.getByRole('progressbar')).toHaveCount(0)
  await expect(page.getByTestId('running')).toHaveCount(0)

  // Polling has stopped: ten seconds later, a manual refresh is the only call that goes out.
  const before = await emulator.calls('Lightsail.GetInstanceSnapshot')
  await page.clock.runFor(10_000)
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled()
  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(before + 1)
})

test('someone waiting to be notified keeps a hidden tab polling, at a gentler pace', async ({ page, emulator }) => {
  await page.context().grantPermissions(['notifications'])
  await page.clock.install()
  await page.goto('./?region=us-east-2&snapshot=db-primary-stuck')
  await expect(page.getByTestId('status-state')).toHaveText('pending')
  await page.getByRole('button', { name: "Notify me when it's ready" }).click()
  await expect(page.getByText('You will get a notification')).toBeVisible()
  await expect.poll(() => emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(1)

  await setVisibility(page, 'hidden')
  // Hidden: one refresh per 30 s (pollSeconds 1 × 4, at least 30 s), where a visible page would have made about 60.
  await page.clock.runFor(1000)
  await page.clock.runFor(60_000)
  await expect.poll(() => emulator.calls('Lightsail.GetInstanceSnapshot')).toBeGreaterThanOrEqual(2)
  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBeLessThanOrEqual(4)
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
