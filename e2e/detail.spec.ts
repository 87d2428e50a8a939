import { expect, test } from './fixtures.ts'

const detail = (name: string, region = 'us-east-2', extra = '') => `./?region=${region}&snapshot=${name}${extra}`

test('an available snapshot shows every field of the response', async ({ page, emulator }) => {
  await page.goto(detail('web-1-backup'))
  await expect(page.getByRole('heading', { level: 1, name: 'web-1-backup' })).toBeVisible()
  const status = page.getByRole('region', { name: 'Status' })
  await expect(status.getByTestId('status-state')).toHaveText('available')
  await expect(status.getByText('Ready: instances and disks can be created')).toBeVisible()
  await expect(status.getByText(/\(3 days ago\)/)).toBeVisible()

  const source = page.getByRole('region', { name: 'Source' })
  for (const text of ['web-1', 'wordpress', '80 GB']) await expect(source.getByText(text, { exact: true })).toBeVisible()
  // The bundle then, and today (the instance still runs on it).
  await expect(source.getByText('medium_3_0', { exact: true })).toHaveCount(2)
  await expect(source.getByText(/arn:aws:lightsail:us-east-2:123456789012:Instance\//)).toBeVisible()
  await expect(source.getByTestId('total-size')).toHaveText('448 GB (instance + 3 attached disks)')

  const location = page.getByRole('region', { name: 'Location' })
  await expect(location.getByText('US East (Ohio) · us-east-2')).toBeVisible()
  await expect(location.getByText(/^all/)).toBeVisible()
  await expect(location.getByText('InstanceSnapshot', { exact: true })).toBeVisible()
  await expect(location.getByText(/^arn:aws:lightsail:us-east-2:123456789012:InstanceSnapshot\//)).toBeVisible()
  await expect(location.getByText(/^123456789012\/ami-/)).toBeVisible()

  const tags = page.getByRole('region', { name: 'Tags (6)' })
  await expect(tags.getByRole('row', { name: 'env production' })).toBeVisible()
  await expect(tags.getByRole('row', { name: /critical \(key only, no value\)/ })).toBeVisible()
  await expect(tags.getByText('Zoë Ångström 日本語 🚀')).toBeVisible()
  await expect(tags.getByText('<img src=x onerror=alert(1)><script>alert("tag")</script>')).toBeVisible()
  await expect(page.locator('img')).toHaveCount(0)

  const disks = page.getByRole('region', { name: 'Attached disks (3)' })
  const system = disks.getByRole('article', { name: 'Disk web-1-system' })
  for (const text of ['System disk', '80 GB', '240', '/dev/xvda', 'in-use', 'web-1', 'us-east-2a · us-east-2', 'Disk', 'attached', 'root']) {
    await expect(system.getByText(text, { exact: true }).first()).toBeVisible()
  }
  await expect(system.getByText('Attachment state (discontinued, use Attached)')).toBeVisible()
  await expect(system.getByText('GB in use (discontinued, not maintained)')).toBeVisible()
  await expect(system.getByText(/^06:00 UTC \(\d\d:\d\d your time\)/).first()).toBeVisible()
  await expect(system.getByText(/· in \d+ hours?/)).toBeVisible()
  const media = disks.getByRole('article', { name: 'Disk web-1-media' })
  await expect(media.getByText('Mounted', { exact: true })).toBeVisible()
  await expect(media.getByText('Stops the computer when CPU use stays below 5% for 30 minutes.')).toBeVisible()
  const logs = disks.getByRole('article', { name: 'Disk web-1-logs' })
  await expect(logs.getByText('Pending', { exact: true })).toBeVisible()
  await expect(logs.getByText('12', { exact: true })).toBeVisible()
  await expect(logs.getByText('Disabled')).toBeVisible()

  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(1)
})

test('a pending instance snapshot shows no percentage (Lightsail reports none), only that it runs', async ({ page }) => {
  await page.goto(detail('db-primary-stuck'))
  const status = page.getByRole('region', { name: 'Status' })
  await expect(status.getByTestId('status-state')).toHaveText('pending')
  const bar = status.getByRole('progressbar', { name: 'Snapshot in progress' })
  await expect(bar).toBeVisible()
  expect(await bar.getAttribute('value')).toBeNull()
  await expect(page.getByText('Pending', { exact: true }).first()).toBeVisible()
  await expect(status.getByText('Progress', { exact: true })).toHaveCount(0)
  await expect(status.getByTestId('eta')).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Attached disks (2)' }).getByText('NotMounted')).toBeVisible()
})

test('a failed snapshot says it cannot be used, and its failed disk shows why', async ({ page }) => {
  await page.goto(detail('api-2-failed'))
  await expect(page.getByTestId('status-state')).toHaveText('error')
  await expect(page.getByText('Failed: this snapshot cannot be used.')).toBeVisible()
  const disk = page.getByRole('article', { name: 'Disk api-2-scratch' })
  await expect(disk.getByText('Failed', { exact: true })).toBeVisible()
  await expect(disk.getByText('No', { exact: true })).toBeVisible()
})

test('an automatic snapshot with an unknown add-on, and a state newer than the app, are shown as they are', async ({ page }) => {
  await page.goto(detail('research-gpu-autosnap'))
  await expect(page.getByRole('region', { name: 'Source' }).getByText('Yes', { exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'FutureAddOn' })).toBeVisible()
  await expect(page.getByText('Stops the computer when CPU use stays below 10% for 1 hour.')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Source' }).getByTestId('total-size')).toHaveText('1.6 TB (instance + 2 attached disks)')

  await page.goto(detail('archive-candidate-2019', 'eu-central-1'))
  await expect(page.getByTestId('status-state')).toHaveText('archiving')
  await expect(page.getByText('Lightsail reports the state "archiving", which this version of Snapshot Lens does not know.')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Attached disks (0)' }).getByText('No disks were attached')).toBeVisible()
})

test('copy actions put the link, ARN and CLI command on the clipboard; download saves the raw response', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(detail('web-1-backup'))
  await expect(page.getByTestId('status-state')).toHaveText('available')
  const actions = page.getByRole('group', { name: 'Snapshot actions' })
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText())

  await actions.getByRole('button', { name: 'Copy CLI command' }).click()
  await expect(actions.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible()
  expect(await clipboard()).toBe('aws lightsail get-instance-snapshot --instance-snapshot-name web-1-backup --region us-east-2')
  await actions.getByRole('button', { name: 'Copy ARN' }).click()
  await expect.poll(clipboard).toMatch(/^arn:aws:lightsail:us-east-2:123456789012:InstanceSnapshot\//)
  await actions.getByRole('button', { name: 'Copy link' }).click()
  await expect.poll(clipboard).toBe(page.url())

  const [download] = await Promise.all([page.waitForEvent('download'), actions.getByRole('button', { name: 'Download JSON' }).click()])
  expect(download.suggestedFilename()).toBe('web-1-backup.json')
  const { readFile } = await import('node:fs/promises')
  const saved = JSON.parse(await readFile((await download.path())!, 'utf8'))
  expect(saved.instanceSnapshot).toMatchObject({ name: 'web-1-backup', state: 'available', fromAttachedDisks: expect.any(Array) })
  expect(saved.instanceSnapshot.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/)
})

test('without WebCrypto (a page over plain http from another host) requests are still signed: the JavaScript SHA-256 loads then, and only then', async ({ context, page }) => {
  const hashers = (requests: string[]) => requests.filter((url) => /\/assets\/Sha256Js-[\w-]+\.js$/.test(url))
  const withCrypto: string[] = []
  page.on('request', (request) => withCrypto.push(request.url()))
  await page.goto(detail('web-1-backup'))
  await expect(page.getByTestId('status-state')).toHaveText('available')
  expect(hashers(withCrypto)).toEqual([])

  const bare = await context.newPage()
  const without: string[] = []
  bare.on('request', (request) => without.push(request.url()))
  await bare.addInitScript(() => Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined }))
  await bare.goto(detail('web-1-backup'))
  await expect(bare.getByTestId('status-state')).toHaveText('available')
  expect(await bare.evaluate(() => globalThis.crypto.subtle)).toBeUndefined()
  expect(hashers(without)).toHaveLength(1)
})
