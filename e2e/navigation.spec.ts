import { expect, test } from './fixtures.ts'

test('a deep link opened in a fresh browser context reproduces the view', async ({ page, browser }) => {
  await page.goto('./?region=us-east-1&snapshot=vpn-gateway-2026-11-01&theme=dark')
  await expect(page.getByTestId('status-state')).toHaveText('error')
  const link = page.url()

  const teammate = await browser.newContext()
  try {
    const other = await teammate.newPage()
    await other.goto(link)
    await expect(other.getByRole('heading', { level: 1, name: 'vpn-gateway-2026-11-01' })).toBeVisible()
    await expect(other.getByTestId('status-state')).toHaveText('error')
    await expect(other.getByText('US East (N. Virginia) · us-east-1', { exact: true }).filter({ visible: true }).first()).toBeVisible()
    expect(await other.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await other.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark')
  } finally {
    await teammate.close()
  }
})

test('back and forward move between looked-up snapshots, and a reload keeps the view', async ({ page }) => {
  await page.goto('./?region=us-east-2&snapshot=web-1-backup')
  await expect(page.getByTestId('status-state')).toHaveText('available')

  await page.getByLabel('Region', { exact: true }).selectOption('us-east-1')
  await page.getByLabel('Snapshot name').fill('mail-relay-weekly')
  await page.getByRole('button', { name: 'Look up' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'mail-relay-weekly' })).toBeVisible()
  expect(new URL(page.url()).search).toBe('?region=us-east-1&snapshot=mail-relay-weekly')

  await page.goBack()
  await expect(page.getByRole('heading', { level: 1, name: 'web-1-backup' })).toBeVisible()
  await expect(page.getByLabel('Snapshot name')).toHaveValue('web-1-backup')
  await expect(page.getByLabel('Region', { exact: true })).toHaveValue('us-east-2')

  await page.goForward()
  await expect(page.getByRole('heading', { level: 1, name: 'mail-relay-weekly' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'mail-relay-weekly' })).toBeVisible()
  await expect(page.getByTestId('status-state')).toHaveText('available')
})

test('the inventory lists a region and opens a snapshot in place', async ({ page }) => {
  await page.goto('./?region=ap-southeast-2')
  await expect(page.getByRole('heading', { name: 'Snapshots in Asia Pacific (Sydney) · ap-southeast-2' })).toBeVisible()
  await expect(page.getByRole('row')).toHaveCount(5)
  await page.getByRole('link', { name: 'sydney-cache-1' }).click()
  await expect(page.getByTestId('status-state')).toHaveText('pending')
  expect(new URL(page.url()).search).toBe('?region=ap-southeast-2&snapshot=sydney-cache-1')
})

test('unknown parameters are named, and the view still works', async ({ page }) => {
  await page.goto('./?region=us-east-2&snapshot=web-1-backup&theme=purple&utm_source=chat')
  const problems = page.getByRole('list', { name: 'Link problems' })
  await expect(problems.getByText('theme "purple" is not light or dark; following the system theme.')).toBeVisible()
  await expect(problems.getByText('The parameter "utm_source" is not one Snapshot Lens knows; it was ignored.')).toBeVisible()
  await expect(page.getByTestId('status-state')).toHaveText('available')
})

test('the whole page works from the keyboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('./?region=us-east-2')
  await expect(page.getByRole('grid')).toBeVisible()
  await page.keyboard.press('Tab') // the brand link
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Region', { exact: true })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Snapshot name')).toBeFocused()
  await page.keyboard.type('research-gpu-autosnap')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('status-state')).toHaveText('available')

  await page.keyboard.press('Tab') // Look up
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: '← Back to the inventory' })).toBeFocused()
  await page.keyboard.press('Tab') // Copy link
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeFocused()
  const outline = await page.getByRole('button', { name: 'Copy link' }).evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(outline).toBe('solid')
  await page.keyboard.press('Enter')
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(page.url())

  // A time's exact UTC value appears on keyboard focus, not only on hover.
  const created = page.getByRole('region', { name: 'Status' }).locator('time')
  await created.focus()
  await expect(page.getByRole('tooltip').filter({ hasText: / UTC$/ }).first()).toBeVisible()
})
