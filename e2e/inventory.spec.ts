// The inventory end to end: every snapshot of every region, a region that pages, a refusing region beside the ones
// that answer, filters and sort that live in the URL, grouping, and the way back from a snapshot.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

const grid = (page: Page) => page.getByRole('grid')
const rowNamed = (page: Page, name: string) => grid(page).getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) })
const summary = (page: Page) => page.locator('.summary')

test('lists every seeded snapshot across regions, a region of more than one page among them, with its refusing regions named', async ({ page, emulator }) => {
  await page.goto('./')
  await expect(page.getByRole('heading', { name: 'Snapshots in every region' })).toBeVisible()
  // 156 instance and 8 disk snapshots in 6 regions; eu-north-1 refuses (access denied) and ap-northeast-2 is still being
  // set up; GetRegions leaves out the opt-in region this account has not enabled.
  await expect(summary(page)).toContainText('13 of 15 regions answered · 164 snapshots (156 instance, 8 disk)')
  const failures = page.getByRole('list', { name: 'Regions that did not answer' })
  await expect(failures.getByRole('listitem')).toHaveCount(2)
  await expect(failures).toContainText('Europe (Stockholm) · eu-north-1: access denied')
  await expect(failures).toContainText('Asia Pacific (Seoul) · ap-northeast-2: your Lightsail account is still being set up')
  // us-west-2 holds 120 snapshots: two pages.
  const west = await emulator.admin('counters')
  expect((west.callsByRegion as Record<string, Record<string, number>>)['us-west-2']!['Lightsail.GetInstanceSnapshots']).toBe(2)
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '165')
})

test('the same name in two regions is two rows, each opening its own snapshot', async ({ page }) => {
  await page.goto('./?q=web-1-backup')
  await expect(summary(page)).toContainText('showing 2')
  const rows = grid(page).getByRole('row').filter({ has: page.getByRole('link', { name: 'web-1-backup', exact: true }) })
  await expect(rows).toHaveCount(2)
  await expect(rows.filter({ hasText: 'eu-west-1' })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'us-east-2' })).toHaveCount(1)
  await rows.filter({ hasText: 'eu-west-1' }).click()
  await expect(page.getByTestId('status-state')).toHaveText('available')
  expect(new URL(page.url()).search).toBe('?region=eu-west-1&snapshot=web-1-backup')
  await expect(page.getByRole('region', { name: 'Location' })).toContainText('Europe (Ireland) · eu-west-1')
})

test('a refusing region shows beside the others, and its own retry brings its rows', async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'error', error: 'ServiceException', rate: 1, region: 'us-east-1', service: 'lightsail' })
  await page.goto('./')
  const failures = page.getByRole('list', { name: 'Regions that did not answer' })
  await expect(failures).toContainText('US East (N. Virginia) · us-east-1: Lightsail is having trouble here', { timeout: 20_000 })
  // The regions that answered keep their rows on screen.
  await expect(summary(page)).toContainText('12 of 15 regions answered · 157 snapshots')
  await expect(grid(page).getByRole('row').nth(1)).toBeVisible()
  await emulator.admin('faults', undefined, 'DELETE')
  await failures.getByRole('button', { name: 'Try again us-east-1' }).click()
  await expect(summary(page)).toContainText('13 of 15 regions answered · 164 snapshots')
  await expect(failures).not.toContainText('us-east-1')
})

test('each filter and the sort live in the URL, and a link with them reproduces the list', async ({ page, browser }) => {
  await page.goto('./')
  await expect(summary(page)).toContainText('164 snapshots')
  // The instance snapshot, and the disk snapshot of one of db-primary's disks.
  await page.getByLabel('Search').fill('db-primary')
  await expect(summary(page)).toContainText('showing 2')
  expect(new URL(page.url()).searchParams.get('q')).toBe('db-primary')
  await page.getByLabel('Search').fill('')
  await page.getByLabel('State').selectOption('pending')
  await expect(new URL(page.url()).searchParams.get('state')).toBe('pending')
  await expect(summary(page)).toContainText('showing 4')
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('disk')
  expect(new URL(page.url()).searchParams.get('kind')).toBe('disk')
  await expect(summary(page)).toContainText('showing 1')
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('')
  await page.getByLabel('State').selectOption('')
  await page.getByLabel('Kept from').selectOption('auto')
  expect(new URL(page.url()).searchParams.get('origin')).toBe('auto')
  await page.getByLabel('Kept from').selectOption('')
  await page.getByRole('textbox', { name: 'Source instance' }).fill('legacy-erp')
  await expect(summary(page)).toContainText('showing 1')
  await page.getByRole('textbox', { name: 'Source instance' }).fill('')
  await page.getByLabel('Tag', { exact: true }).fill('Kostenstelle=Ü-42')
  await expect(summary(page)).toContainText('showing 1')
  await expect(rowNamed(page, 'shop-eu-before-migration')).toBeVisible()
  await page.getByLabel('Tag', { exact: true }).fill('')
  await page.getByLabel('Older than (days)').fill('365')
  await expect(summary(page)).toContainText('showing')
  await expect(rowNamed(page, 'archive-candidate-2019')).toBeVisible()
  await page.getByLabel('Sort by').selectOption('-size')
  expect(new URL(page.url()).search).toBe('?olderThan=365&sort=-size')

  const link = page.url()
  const teammate = await browser.newContext({ storageState: await page.context().storageState() })
  try {
    const other = await teammate.newPage()
    await other.goto(link)
    await expect(other.getByLabel('Older than (days)')).toHaveValue('365')
    await expect(other.getByLabel('Sort by')).toHaveValue('-size')
    const first = other.getByRole('grid').getByRole('row').nth(1)
    await expect(first).toContainText(await page.getByRole('grid').getByRole('row').nth(1).locator('.cell-name').innerText())
  } finally {
    await teammate.close()
  }
})

test('typing in a filter key by key keeps the field focused and what was typed; the URL follows, one history entry in all', async ({ page }) => {
  await page.goto('./')
  await expect(summary(page)).toContainText('164 snapshots')
  const entries = await page.evaluate(() => history.length)
  const instance = page.getByRole('textbox', { name: 'Source instance' })
  await instance.pressSequentially('legacy-erp')
  await expect(instance).toBeFocused()
  await expect(instance).toHaveValue('legacy-erp')
  await expect(summary(page)).toContainText('showing 1')
  await expect.poll(() => new URL(page.url()).searchParams.get('instance')).toBe('legacy-erp')
  await instance.clear()
  const search = page.getByLabel('Search')
  // A trailing space is the reader's to keep while typing; the link carries the trimmed text.
  await search.pressSequentially('web-1 ')
  await expect(search).toBeFocused()
  await expect(search).toHaveValue('web-1 ')
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('web-1')
  await expect(summary(page)).toContainText('showing')
  expect(await page.evaluate(() => history.length)).toBe(entries)
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(search).toHaveValue('')
  await expect(instance).toHaveValue('')
  await expect.poll(() => new URL(page.url()).search).toBe('')
  await expect(summary(page)).not.toContainText('showing')
})

test('grouping by source instance puts every snapshot of an instance together, newest first', async ({ page }) => {
  await page.goto('./?region=us-east-2&group=instance')
  const heads = grid(page).locator('.grid-group')
  await expect(heads.first()).toBeVisible()
  await expect(heads.filter({ hasText: 'web-1 ·' })).toContainText(/\d+ snapshots?/)
  await expect(page.getByLabel('Group by source instance')).toBeChecked()
})

test('open a row and come back to the inventory with the filters intact', async ({ page }) => {
  await page.goto('./?q=web&sort=name')
  await rowNamed(page, 'web-1-backup').first().click()
  await expect(page.getByTestId('status-state')).toHaveText('available')
  await page.getByRole('link', { name: '← Back to the inventory' }).click()
  expect(new URL(page.url()).search).toBe('?q=web&sort=name')
  await expect(page.getByLabel('Search')).toHaveValue('web')
})

test('the grid is one tab stop: arrow keys move between rows, Enter opens one', async ({ page }) => {
  await page.goto('./?region=us-east-2&sort=name')
  await expect(grid(page)).toBeVisible()
  await grid(page).focus()
  await expect(grid(page)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  const active = await grid(page).getAttribute('aria-activedescendant')
  const row = page.locator(`[id="${active}"]`)
  await expect(row).toHaveAttribute('aria-selected', 'true')
  await expect(row).toHaveAttribute('aria-rowindex', '4')
  const name = await row.locator('.cell-name').innerText()
  // Moving on from the grid leaves it: the rows' links are not tab stops.
  await page.keyboard.press('Tab')
  await expect(grid(page)).not.toBeFocused()
  await grid(page).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
})

test('a chart bar is a link that applies its filter', async ({ page }) => {
  await page.goto('./')
  await expect(summary(page)).toContainText('164 snapshots')
  await page.getByRole('link', { name: /^us-west-2: 123 snapshots, .*, in US West \(Oregon\). Show only this region.$/ }).click()
  expect(new URL(page.url()).searchParams.get('region')).toBe('us-west-2')
  await expect(page.getByRole('heading', { name: 'Snapshots in US West (Oregon) · us-west-2' })).toBeVisible()
  await page.getByRole('link', { name: /older than 30 days/ }).click()
  expect(new URL(page.url()).searchParams.get('olderThan')).toBe('30')
})

test('downloads the filtered list as CSV and JSON', async ({ page }) => {
  await page.goto('./?region=eu-west-1')
  await expect(summary(page)).toContainText('8 snapshots (7 instance, 1 disk)')
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()])
  const text = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))
  expect(text.split('\r\n').filter(Boolean)).toHaveLength(9)
  expect(text).toContain('eu-west-1,instance,shop-eu-before-migration,available')
  expect(text).toContain('eu-west-1,disk,shop-eu-data-weekly,completed,100%,shop-eu-data,shop-eu')
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()])
  const parsed = JSON.parse(await (await json.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')))
  expect(parsed).toHaveLength(8)
})

test('reads at 360 px without sideways scrolling, and renders only the rows on screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 })
  await page.goto('./')
  await expect(summary(page)).toContainText('164 snapshots')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  expect(await grid(page).locator('[role="row"]').count()).toBeLessThan(30)
})

test("the inventory's code failing to arrive is said in its place, and Try again loads it", async ({ page }) => {
  // The page's chunk fails (the boot's early load and the page's own, however the browser shares them) until the
  // network is back.
  let failing = true
  await page.route('**/assets/InventoryPage-*.js', (route) => (failing ? route.abort('connectionreset') : route.continue()))
  await page.goto('./')
  const panel = page.getByRole('alert').filter({ hasText: 'This view could not be shown' })
  await expect(panel).toBeVisible()
  await expect(page.getByRole('search', { name: 'Look up a snapshot' }).getByRole('button', { name: 'Look up' })).toBeEnabled()
  failing = false
  await panel.getByRole('button', { name: 'Try again' }).click()
  await expect(summary(page)).toContainText('13 of 15 regions answered · 164 snapshots')
})

test('with the sign-in service failing, the inventory still opens and says what failed', async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'http500', rate: 1, service: 'cognito-identity' })
  await page.goto('./')
  await expect(page.getByRole('heading', { name: 'Snapshots in every region' })).toBeVisible({ timeout: 20_000 })
  const failures = page.getByRole('list', { name: 'Regions that did not answer' })
  await expect(failures).toContainText('sign-in service', { timeout: 20_000 })
  expect(await emulator.calls('Lightsail.GetInstanceSnapshots')).toBe(0)
})
