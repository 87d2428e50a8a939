import { expect, test } from './fixtures.ts'

const detail = (name: string, region = 'us-east-2') => `./?region=${region}&snapshot=${encodeURIComponent(name)}`

test('not found: says which name and region, offers no retry, and links to the region inventory', async ({ page }) => {
  await page.goto(detail('no-such-snapshot'))
  const panel = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'No snapshot named no-such-snapshot in us-east-2' }) })
  await expect(panel).toBeVisible()
  await expect(panel.getByText('NotFoundException')).toBeVisible()
  await expect(panel.getByText(/^[0-9a-f-]{36}$/)).toBeVisible()
  await expect(panel.getByRole('button', { name: 'Try again' })).toHaveCount(0)
  await panel.getByRole('link', { name: 'See all snapshots in us-east-2' }).click()
  await expect(page.getByRole('heading', { name: 'Snapshots in US East (Ohio) · us-east-2' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'web-1-backup' })).toBeVisible()
  expect(new URL(page.url()).search).toBe('?region=us-east-2')
})

test('an invalid name in the URL is explained with the rule, and no request is sent', async ({ page, emulator }) => {
  await page.goto(detail('web 1.backup'))
  await expect(page.getByRole('heading', { name: 'This link names a snapshot that cannot exist' })).toBeVisible()
  await expect(page.getByText('"web 1.backup" contains space, ".", which are not allowed.')).toBeVisible()
  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(0)
  // The rest of the page works: the form fixes it.
  await page.getByLabel('Snapshot name').fill('web-1-backup')
  await page.getByRole('button', { name: 'Look up' }).click()
  await expect(page.getByTestId('status-state')).toHaveText('available')
})

test('an invalid name in the form is refused before any request, with the rule', async ({ page, emulator }) => {
  // A region without pending snapshots: the inventory polls none, so any GetInstanceSnapshot would be the form's.
  await page.goto('./?region=eu-central-1')
  const name = page.getByLabel('Snapshot name')
  await name.fill('-web-1')
  await page.getByRole('button', { name: 'Look up' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '"-web-1" starts or ends with a hyphen.' })).toBeVisible()
  await expect(name).toHaveAttribute('aria-invalid', 'true')
  expect(new URL(page.url()).search).toBe('?region=eu-central-1')
  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(0)
})

test('an unknown region in the URL is explained, and nothing is sent to it', async ({ page, emulator }) => {
  await page.goto(detail('web-1-backup', 'eu-mars-9'))
  await expect(page.getByRole('heading', { name: 'This link names a region Snapshot Lens cannot use' })).toBeVisible()
  await expect(page.getByText('eu-mars-9 is not a Lightsail region this dashboard knows.')).toBeVisible()
  await page.goto(detail('web-1-backup', 'not a region'))
  await expect(page.getByText('"not a region" is not a region name.')).toBeVisible()
  expect((await emulator.admin('counters')).callsByRegion).toEqual({})
})

test('access denied: names the missing IAM action, offers no retry', async ({ page }) => {
  await page.goto(detail('anything', 'eu-north-1'))
  const panel = page.getByRole('alert')
  await expect(panel.getByRole('heading', { name: 'Access denied in eu-north-1' })).toBeVisible()
  await expect(panel.getByText(/Ask your AWS administrator to allow lightsail:GetInstanceSnapshot/)).toBeVisible()
  await expect(panel.getByText('User is not authorized to perform: lightsail:GetInstanceSnapshot')).toBeVisible()
  await expect(panel.getByRole('button', { name: 'Try again' })).toHaveCount(0)
})

test('account setup in progress: says to wait, offers a retry', async ({ page, emulator }) => {
  await page.goto(detail('anything', 'ap-northeast-2'))
  const panel = page.getByRole('alert')
  await expect(panel.getByRole('heading', { name: 'Your Lightsail account is still being set up' })).toBeVisible()
  await panel.getByRole('button', { name: 'Try again' }).click()
  await expect.poll(() => emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(2)
  await expect(panel.getByRole('heading', { name: 'Your Lightsail account is still being set up' })).toBeVisible()
})

test('a throttling storm beyond the SDK retries shows its panel, and a retry recovers', async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'throttle', count: 4, service: 'lightsail' })
  await page.goto(detail('web-1-backup'))
  const panel = page.getByRole('alert')
  await expect(panel.getByRole('heading', { name: 'Too many requests: Lightsail is slowing us down' })).toBeVisible({ timeout: 20_000 })
  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(3)
  await panel.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByTestId('status-state')).toHaveText('available', { timeout: 20_000 })
  await expect(page.getByRole('alert')).toHaveCount(0)
})

test('HTTP 500 beyond the SDK retries shows the service panel, and a retry recovers', async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'http500', count: 3, service: 'lightsail' })
  await page.goto(detail('web-1-backup'))
  const panel = page.getByRole('alert')
  await expect(panel.getByRole('heading', { name: 'Lightsail is having trouble' })).toBeVisible({ timeout: 20_000 })
  await expect(panel.getByText('InternalFailure')).toBeVisible()
  await panel.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByTestId('status-state')).toHaveText('available')
})

test('expired credentials are renewed and the call retried, without a visible error', async ({ page, emulator }) => {
  await page.goto(detail('web-1-backup'))
  await expect(page.getByTestId('status-state')).toHaveText('available')
  expect(await emulator.calls('CognitoIdentity.GetCredentialsForIdentity')).toBe(1)
  await emulator.admin('expire-credentials', {})
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect.poll(() => emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(2)
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled()
  expect(await emulator.calls('CognitoIdentity.GetCredentialsForIdentity')).toBe(2)
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(page.getByTestId('last-refreshed')).not.toContainText('stale')
})

test('a failed background refresh keeps the data on screen, marked stale', async ({ page, emulator }) => {
  await page.goto(detail('web-1-backup'))
  await expect(page.getByTestId('status-state')).toHaveText('available')
  await emulator.admin('faults', { kind: 'http503', count: 3, service: 'lightsail', operation: 'GetInstanceSnapshot' })
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'The last refresh failed' })).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('last-refreshed')).toContainText('stale: the last refresh failed')
  await expect(page.getByTestId('status-state')).toHaveText('available')
  await expect(page.getByRole('region', { name: 'Tags (6)' })).toBeVisible()
})

test('a failing network is retried, then explained', async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'drop', count: 20, service: 'lightsail' })
  await page.goto(detail('web-1-backup'))
  await expect(page.getByRole('heading', { name: 'Lightsail could not be reached' })).toBeVisible({ timeout: 45_000 })
  await emulator.admin('faults', undefined, 'DELETE')
  await page.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByTestId('status-state')).toHaveText('available')
})

test('a slow network shows the skeleton, shaped like the cards, until the data arrives', async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'slow', count: 1, delayMs: 1500, service: 'lightsail' })
  await page.goto(detail('web-1-backup'))
  await expect(page.getByRole('status').filter({ hasText: 'Loading the snapshot…' })).toBeVisible()
  await expect(page.locator('.card-status').first()).toBeVisible()
  const skeletonBox = await page.locator('.card-status').first().boundingBox()
  await expect(page.getByRole('status').filter({ hasText: 'Loading the snapshot…' })).toBeVisible()
  await expect(page.getByTestId('status-state')).toHaveText('available')
  const cardBox = await page.locator('.card-status').first().boundingBox()
  expect(Math.abs(cardBox!.y - skeletonBox!.y)).toBeLessThan(2)
})

// The SDK retries ServiceException (a 500) three times; the others are answered at once.
for (const [error, count, heading] of [
  ['UnauthenticatedException', 1, 'You are not signed in to Lightsail'],
  ['RegionSetupInProgressException', 1, 'Lightsail is still being set up in us-east-2'],
  ['OperationFailureException', 1, 'Lightsail could not complete the request'],
  ['ServiceException', 3, 'Lightsail is having trouble'],
] as const) {
  test(`${error} has its own panel, and a retry recovers`, async ({ page, emulator }) => {
    await emulator.admin('faults', { kind: 'error', error, count, service: 'lightsail' })
    await page.goto(detail('web-1-backup'))
    const panel = page.getByRole('alert')
    await expect(panel.getByRole('heading', { name: heading })).toBeVisible({ timeout: 20_000 })
    await expect(panel.getByText(error, { exact: true })).toBeVisible()
    await panel.getByRole('button', { name: 'Try again' }).click()
    await expect(page.getByTestId('status-state')).toHaveText('available')
  })
}

test.describe('a broken config.json', () => {
  test('that is not JSON stops the app with a page that says so', async ({ page }) => {
    await page.route('**/config.json', (route) => route.fulfill({ body: '{"defaultRegion": ', contentType: 'application/json' }))
    await page.goto('./')
    await expect(page.getByRole('heading', { name: 'Snapshot Lens cannot start: its configuration is wrong' })).toBeVisible()
    await expect(page.getByText('is not valid JSON')).toBeVisible()
  })

  test('with a bad field names the field', async ({ page, request }) => {
    const config = await (await request.get('./config.json')).json()
    await page.route('**/config.json', (route) => route.fulfill({ json: { ...config, cognito: { ...config.cognito, identityPoolId: 'oops' } } }))
    await page.goto('./')
    await expect(page.getByRole('alert')).toContainText('The field cognito.identityPoolId "oops" is not an identity pool id')
  })

  test('that is missing says where it was looked for', async ({ page }) => {
    await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'not found' }))
    await page.goto('./')
    await expect(page.getByRole('alert')).toContainText('could not be fetched from /config.json: HTTP 404')
  })
})

test('a field of the wrong type is reported as a malformed answer naming the field, never a crashed card', async ({ page, emulator }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await emulator.admin('faults', { kind: 'alter', rate: 1, operation: 'GetInstanceSnapshot', path: 'instanceSnapshot.tags', value: 'notanarray' })
  await page.goto(detail('web-1-backup'))
  const panel = page.getByRole('alert')
  await expect(panel.getByRole('heading', { name: 'Lightsail sent an answer Snapshot Lens cannot use' })).toBeVisible()
  await expect(panel).toContainText("Lightsail's answer for web-1-backup is malformed: tags is text where a list is due.")
  await expect(page.getByText('The tags card could not be shown')).toHaveCount(0)
  expect(errors).toEqual([])
})

test("a malformed snapshot in a region's list is a row that says so, and the other rows stay", async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'alter', rate: 1, operation: 'GetInstanceSnapshots', region: 'eu-west-1', path: 'instanceSnapshots.0.sizeInGb', value: 'eighty' })
  await page.goto('./?region=eu-west-1')
  const grid = page.getByRole('grid')
  await expect(grid.getByText("Lightsail's answer is malformed: sizeInGb is text where a number is due")).toBeVisible()
  await expect(grid.getByRole('row').filter({ hasText: 'malformed' })).toHaveCount(1)
  await expect(grid.getByRole('row').filter({ hasText: 'shop-eu-before-migration' })).toContainText('Available')
  await expect(page.locator('.summary')).toContainText('1 of 1 region answered · 8 snapshots')
})
