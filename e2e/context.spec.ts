// A snapshot in its context, as Lightsail reports it: no invented percentage for instance snapshots, how long the
// instance's snapshots take, why one failed, the source today, its automatic snapshots, its history, disk snapshots
// with their real progress, both kinds in the inventory, and each new read failing alone.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { signInAs } from './sign-in.ts'

const detail = (name: string, region = 'us-east-2') => `./?region=${region}&snapshot=${name}`
const disk = (name: string, region = 'us-east-2') => `./?region=${region}&diskSnapshot=${name}`

/** Notifications the page shows, recorded as they are made (the real constructor still runs). */
async function recordNotifications(page: Page) {
  await page.context().grantPermissions(['notifications'])
  await page.addInitScript(() => {
    const Real = window.Notification
    const shown: { title: string; body?: string }[] = []
    ;(window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options)
        shown.push({ title, body: options?.body })
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true })
  })
  return () => page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body?: string }[] }).shownNotifications)
}

test('a pending instance snapshot shows how long it has run and what its history expects, never a percentage', async ({ page }) => {
  await page.goto(detail('web-1-upgrade-2026'))
  const status = page.getByRole('region', { name: 'Status' })
  await expect(status.getByTestId('status-state')).toHaveText('pending')
  await expect(status.getByTestId('running')).toHaveText(/^Snapshotting for \d+ (sec|min), since \d{1,2}:\d{2}/)
  // An indeterminate indicator: no value, and words for what Lightsail does not report.
  const bar = status.getByRole('progressbar', { name: 'Snapshot in progress' })
  await expect(bar).toBeVisible()
  expect(await bar.getAttribute('value')).toBeNull()
  await expect(status.getByText('Lightsail reports no percentage for instance snapshots')).toBeVisible()
  await expect(page.getByText(/\d+%/)).toHaveCount(0)
  await expect(status.getByTestId('expectation')).toHaveText(/^The last 5 of web-1 took 11–16 min: expect it around \d{1,2}:\d{2}/)
  await expect(status.getByTestId('expectation')).toContainText('(an estimate)')
  await expect(page.getByTestId('status-summary')).toHaveText('Being created: it cannot be used until it is available.')
})

test('a snapshot pending far longer than its history says so', async ({ page }) => {
  await page.goto(detail('db-primary-stuck'))
  await expect(page.getByTestId('expectation')).toHaveText(/^Taking longer than any of the last 4 of db-primary \(\d+–\d+ min\)/)
  await expect(page.getByRole('region', { name: 'Status' }).getByRole('progressbar', { name: 'Snapshot in progress' })).toBeVisible()
})

test('a pending snapshot without any history says there is none to estimate from', async ({ page }) => {
  await page.goto(detail('sydney-cache-1', 'ap-southeast-2'))
  await expect(page.getByTestId('expectation')).toHaveText('No earlier snapshot of sydney-cache has finished, so there is no history to tell how long this one will take.')
})

test('"Notify me when it\'s ready": asked only on the click, then one notification naming the snapshot when it settles', async ({ page, emulator }) => {
  const notifications = await recordNotifications(page)
  await emulator.admin('reset', { pendingSeconds: 3600 })
  await page.goto(detail('web-1-upgrade-2026'))
  await expect(page.getByTestId('status-state')).toHaveText('pending')
  expect(await page.evaluate(() => Notification.permission)).toBe('granted')
  await page.getByRole('button', { name: "Notify me when it's ready" }).click()
  await expect(page.getByRole('status').filter({ hasText: 'You will get a notification when it is ready' })).toBeVisible()

  await emulator.admin('settle', { region: 'us-east-2', name: 'web-1-upgrade-2026', state: 'available' })
  await expect(page.getByTestId('status-state')).toHaveText('available')
  await expect(page.getByRole('status').filter({ hasText: 'web-1-upgrade-2026 is now available. It finished while you were watching.' })).toBeVisible()
  await expect(page).toHaveTitle('✓ Available: web-1-upgrade-2026 · Snapshot Lens')
  await expect.poll(notifications).toEqual([{ title: 'web-1-upgrade-2026 is available', body: 'It is ready to use.' }])
  // Its history follows: the creation succeeded.
  await expect(page.getByRole('list', { name: 'History of web-1-upgrade-2026' })).toContainText('Created from instance web-1 · succeeded')
})

test('a snapshot that fails while watched is said to have failed, in the title and the notification', async ({ page, emulator }) => {
  const notifications = await recordNotifications(page)
  await emulator.admin('reset', { pendingSeconds: 3600 })
  await page.goto(detail('web-1-upgrade-2026'))
  await page.getByRole('button', { name: "Notify me when it's ready" }).click()
  await expect(page.getByText('You will get a notification')).toBeVisible()
  await emulator.admin('settle', { region: 'us-east-2', name: 'web-1-upgrade-2026', state: 'error' })
  await expect(page.getByTestId('status-state')).toHaveText('error')
  await expect(page).toHaveTitle('✗ Failed: web-1-upgrade-2026 · Snapshot Lens')
  await expect.poll(notifications).toEqual([{ title: 'web-1-upgrade-2026 failed', body: 'Open Snapshot Lens to see why.' }])
  await expect(page.getByTestId('failure')).toContainText('Why it failed:')
})

test('a refused notification permission is said once, and the page goes on', async ({ page }) => {
  await page.context().clearPermissions()
  await page.addInitScript(() => {
    Object.defineProperty(Notification, 'permission', { get: () => 'default', configurable: true })
    Notification.requestPermission = () => Promise.resolve('denied')
  })
  await page.goto(detail('web-1-upgrade-2026'))
  await page.getByRole('button', { name: "Notify me when it's ready" }).click()
  await expect(page.getByText('Notifications are blocked for this site, so none will come')).toBeVisible()
  await expect(page.getByTestId('status-state')).toHaveText('pending')
})

test('an error snapshot shows the reason its operation gave, in words, with what to do', async ({ page }) => {
  await page.goto(detail('api-2-failed'))
  const failure = page.getByTestId('failure')
  await expect(failure).toContainText('Why it failed: The snapshot of disk api-2-scratch could not be completed: the disk stopped responding while it was being read.')
  await expect(failure.getByText('DiskIOError')).toBeVisible()
  await expect(failure).toContainText("What to do: A disk stopped responding while it was read. Check the source's disks")
})

test('the source today: a deleted instance is named as such, a living one with its state and bundle', async ({ page }) => {
  await page.goto(detail('api-2-failed'))
  await expect(page.getByRole('region', { name: 'Source' }).getByTestId('source-today')).toHaveText(
    'api-2 no longer exists. This snapshot may be its only copy: keep it until you are sure nothing needs it.',
  )
  await page.goto(detail('web-1-backup'))
  await expect(page.getByRole('region', { name: 'Source' }).getByTestId('source-today')).toHaveText('running · medium_3_0')
  await page.goto(detail('research-gpu-autosnap'))
  await expect(page.getByRole('region', { name: 'Source' }).getByTestId('source-today')).toHaveText('stopped · gpu_nvidia_2xl_1_0')
})

test("the source's automatic snapshots, newest first, a failed one standing out", async ({ page }) => {
  await page.goto(detail('web-1-backup'))
  const card = page.getByRole('region', { name: 'Automatic snapshots of web-1' })
  const list = card.getByRole('list', { name: 'Automatic snapshots of web-1' })
  await expect(list.getByRole('listitem')).toHaveCount(7)
  await expect(card.getByText('1 of these failed, so there is no copy from that day')).toBeVisible()
  await expect(list.getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(1)
  const dates = await list.getByRole('listitem').locator('strong').allTextContents()
  expect(dates).toEqual([...dates].sort().reverse())
  // A deleted source has none; an instance without the add-on keeps none.
  await page.goto(detail('api-2-failed'))
  await expect(page.getByRole('region', { name: 'Automatic snapshots of api-2' })).toContainText('api-2 no longer exists, so Lightsail keeps no automatic snapshots of it.')
  await page.goto(detail('sydney-cache-1', 'ap-southeast-2'))
  await expect(page.getByRole('region', { name: 'Automatic snapshots of sydney-cache' })).toContainText('its AutoSnapshot add-on is off')
})

test('the history tells how each snapshot came to be: created, copied from another region, kept from an automatic one', async ({ page }) => {
  await page.goto(detail('web-1-backup'))
  await expect(page.getByRole('list', { name: 'History of web-1-backup' }).getByRole('listitem')).toHaveText([/^Created from instance web-1 · succeeded in 13 min/])
  await page.goto(detail('web-1-backup', 'eu-west-1'))
  await expect(page.getByRole('list', { name: 'History of web-1-backup' })).toContainText('Copied from web-1-2026-11-19 in us-east-2 · succeeded')
  await page.goto(detail('research-gpu-autosnap'))
  await expect(page.getByRole('list', { name: 'History of research-gpu-autosnap' })).toContainText('Kept from an automatic snapshot of research-gpu (us-east-2) · succeeded')
  await page.goto(detail('api-2-failed'))
  await expect(page.getByRole('list', { name: 'History of api-2-failed' })).toContainText('DiskIOError: The snapshot of disk api-2-scratch')
})

test('a disk snapshot shows its real progress as an accessible value, rising, then an estimate, then completes', async ({ page, emulator }) => {
  await emulator.admin('reset', { pendingSeconds: 40 })
  await page.goto(disk('db-primary-data-pre-upgrade'))
  await expect(page.getByRole('heading', { level: 1, name: 'db-primary-data-pre-upgrade' })).toBeVisible()
  await expect(page.getByText('Disk snapshot · US East (Ohio) · us-east-2')).toBeVisible()
  const status = page.getByRole('region', { name: 'Status' })
  const bar = status.getByRole('progressbar', { name: 'Snapshot progress' })
  const first = Number(await bar.getAttribute('value'))
  expect(first).toBeGreaterThanOrEqual(20)
  await expect(status.getByTestId('eta')).toHaveText(/^(Estimating: needs 3 readings|about )/)
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 15_000 }).toBeGreaterThan(first)
  await expect(status.getByTestId('eta')).toHaveText(/^about \d+ (seconds?|minutes?)/, { timeout: 15_000 })
  const source = page.getByRole('region', { name: 'Source' })
  await expect(source).toContainText('Diskdb-primary-data')
  await expect(source).toContainText('Attached to instancedb-primary')
  await expect(source.getByTestId('source-today')).toHaveText('running · large_3_0')
  await expect(page.getByRole('list', { name: 'History of db-primary-data-pre-upgrade' })).toContainText('Created from disk db-primary-data · running')

  await emulator.admin('settle', { region: 'us-east-2', name: 'db-primary-data-pre-upgrade', state: 'completed' })
  await expect(status.getByTestId('status-state')).toHaveText('completed')
  await expect(bar).toHaveAttribute('value', '100')
  await expect(page.getByRole('status').filter({ hasText: 'db-primary-data-pre-upgrade is now completed.' })).toBeVisible()
  await expect(page).toHaveTitle('✓ Completed: db-primary-data-pre-upgrade · Snapshot Lens')
})

test('a disk snapshot link to a name that does not exist says so for a disk snapshot', async ({ page }) => {
  await page.goto(disk('no-such-disk-snapshot'))
  await expect(page.getByRole('heading', { name: 'No snapshot named no-such-disk-snapshot in us-east-2' })).toBeVisible()
  await expect(page.getByText('Lightsail has no disk snapshot by that name in this region.')).toBeVisible()
})

test('the inventory lists both kinds, with a kind column, counts, a link per kind, and live pending rows', async ({ page }) => {
  await page.goto('./?region=us-east-2')
  const grid = page.getByRole('grid')
  await expect(page.getByRole('status').filter({ hasText: 'region answered' })).toContainText('(13 instance, 4 disk)')
  const diskRow = grid.getByRole('row').filter({ hasText: 'web-1-media-weekly' })
  await expect(diskRow.getByRole('gridcell').nth(1)).toHaveText('Disk')
  await expect(grid.getByRole('row').filter({ hasText: 'db-primary-data-pre-upgrade' })).toContainText(/Pending · \d+%/)
  await expect(grid.getByRole('row').filter({ hasText: 'db-primary-stuck' })).toContainText(/Pending · for \d+ hr/)

  const kinds = page.getByRole('navigation', { name: 'Kind of snapshot' })
  await kinds.getByRole('link', { name: 'Disk snapshots' }).click()
  await expect(page).toHaveURL(/[?&]kind=disk(&|$)/)
  await expect(kinds.getByRole('link', { name: 'Disk snapshots' })).toHaveAttribute('aria-current', 'page')
  await expect(grid.getByRole('row')).toHaveCount(5)
  await page.reload()
  await expect(page.getByRole('grid').getByRole('row')).toHaveCount(5)
  await expect(page.getByRole('combobox', { name: 'Kind' })).toHaveValue('disk')
  // A disk row opens the disk snapshot's page.
  await page.getByRole('link', { name: 'web-1-media-weekly' }).click()
  await expect(page).toHaveURL(/diskSnapshot=web-1-media-weekly/)
  await expect(page.getByTestId('status-state')).toHaveText('completed')
})

test('access denied for one new read leaves the rest of the page working, with a note naming the action', async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'error', error: 'AccessDeniedException', operation: 'GetAutoSnapshots', rate: 1 })
  await page.goto(detail('web-1-backup'))
  await expect(page.getByTestId('status-state')).toHaveText('available')
  const card = page.getByRole('region', { name: 'Automatic snapshots of web-1' })
  await expect(card.getByTestId('context-denied')).toContainText('may not call lightsail:GetAutoSnapshots')
  await expect(page.getByRole('region', { name: 'Source' }).getByTestId('source-today')).toHaveText('running · medium_3_0')
  await expect(page.getByRole('list', { name: 'History of web-1-backup' })).toBeVisible()
  await expect(page.getByRole('heading', { name: /did not/ })).toHaveCount(0)
})

test.describe('a role made before these reads', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test('shows the snapshot, and a note naming the role and action in place of each read it may not make', async ({ page }) => {
    await page.goto(detail('web-1-backup'))
    await signInAs(page, 'dave')
    await expect(page.getByTestId('status-state')).toHaveText('available')
    await expect(page.getByRole('region', { name: 'Source' }).getByTestId('context-denied')).toContainText('The role SnapshotLensSnapshotsOnly may not call lightsail:GetInstance')
    await expect(page.getByRole('region', { name: 'Automatic snapshots of web-1' }).getByTestId('context-denied')).toContainText('lightsail:GetAutoSnapshots')
    await expect(page.getByRole('region', { name: 'History' }).getByTestId('context-denied')).toContainText('lightsail:GetOperationsForResource')
    await expect(page.getByRole('region', { name: 'Tags (6)' })).toBeVisible()

    await page.goto('./?region=us-east-2')
    await expect(page.getByRole('grid').getByRole('row').filter({ hasText: 'web-1-backup' })).toBeVisible()
    await expect(page.getByRole('list', { name: 'Regions that did not answer' })).toContainText(
      'disk snapshots: access denied: the role SnapshotLensSnapshotsOnly may not call lightsail:GetDiskSnapshots here',
    )
  })
})
