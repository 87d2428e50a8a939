// Trust and time: no endless waits, failures named after who failed, answers that cannot be used, a skewed clock, and
// relays at the paths the served config names.
import { expect, test } from './fixtures.ts'

const detail = (name = 'web-1-backup', region = 'us-east-2') => `./?region=${region}&snapshot=${name}`

test('a stalled answer: "still waiting" after 5 s with a way to stop, then a timeout panel, and a retry recovers', async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'slow', delayMs: 120_000, count: 4, service: 'lightsail' })
  await page.clock.install()
  await page.goto(detail())
  const waiting = page.getByRole('status').filter({ hasText: 'Still waiting for web-1-backup' })
  await expect(page.getByRole('status').filter({ hasText: 'Loading the snapshot…' })).toBeVisible()
  await expect(waiting).toHaveCount(0)
  await page.clock.runFor(5_500)
  await expect(waiting).toBeVisible()
  await expect(waiting.getByRole('button', { name: 'Stop waiting' })).toBeVisible()
  await page.clock.runFor(20_000)
  const panel = page.getByRole('alert')
  await expect(panel.getByRole('heading', { name: 'Lightsail did not answer in time' })).toBeVisible()
  await expect(panel.getByText('waited 20 seconds')).toBeVisible()
  await expect(waiting).toHaveCount(0)

  await emulator.admin('faults', undefined, 'DELETE')
  await panel.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByTestId('status-state')).toHaveText('available')
})

test('"Stop waiting" ends a stalled first load, says so, and offers to try again', async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'slow', delayMs: 120_000, count: 1, service: 'lightsail' })
  await page.clock.install()
  await page.goto(detail())
  await page.clock.runFor(5_500)
  await page.getByRole('button', { name: 'Stop waiting' }).click()
  await expect(page.getByRole('heading', { name: 'You stopped waiting for web-1-backup' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await page.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByTestId('status-state')).toHaveText('available')
})

test('Cognito failures are named as the sign-in service\'s, not Lightsail\'s', async ({ page, emulator }) => {
  await emulator.admin('faults', { kind: 'http500', rate: 1, service: 'cognito-identity' })
  await page.goto(detail())
  const panel = page.getByRole('alert')
  await expect(panel.getByRole('heading', { name: 'The sign-in service is having trouble' })).toBeVisible({ timeout: 20_000 })
  await expect(panel).toContainText('Amazon Cognito hands this page its temporary AWS credentials')
  await expect(panel).not.toContainText('Lightsail')
  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(0)
  await emulator.admin('faults', undefined, 'DELETE')
  await panel.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByTestId('status-state')).toHaveText('available')
})

test('an unknown identity pool is the sign-in service refusing, with what to check', async ({ page, request }) => {
  const config = await (await request.get('./config.json')).json()
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { ...config, cognito: { ...config.cognito, identityPoolId: 'us-east-2:00000000-0000-0000-0000-000000000000' } } }),
  )
  await page.goto(detail())
  const panel = page.getByRole('alert')
  await expect(panel.getByRole('heading', { name: 'The sign-in service refused to hand out credentials' })).toBeVisible()
  await expect(panel.getByText('ResourceNotFoundException')).toBeVisible()
  await expect(panel).toContainText('cognito.identityPoolId')
})

for (const [kind, detailText] of [
  ['malformed', 'Lightsail answered without the snapshot web-1-backup.'],
  ['not-json', "Unexpected token '<'"],
] as const) {
  test(`a ${kind} answer gets its own panel, never a crash, and a retry recovers`, async ({ page, emulator }) => {
    await emulator.admin('faults', { kind, count: 1, service: 'lightsail' })
    await page.goto(detail())
    const panel = page.getByRole('alert')
    await expect(panel.getByRole('heading', { name: 'Lightsail sent an answer Snapshot Lens cannot use' })).toBeVisible()
    await expect(panel.getByText(detailText)).toBeVisible()
    await expect(page.getByRole('heading', { name: /could not be shown/ })).toHaveCount(0)
    await panel.getByRole('button', { name: 'Try again' }).click()
    await expect(page.getByTestId('status-state')).toHaveText('available')
  })
}

for (const minutes of [10, -10]) {
  test(`a browser clock ${minutes > 0 ? 'ten minutes fast' : 'ten minutes slow'} still gets data: the SDK corrects the skew from the relayed Date`, async ({ page, emulator }) => {
    await page.clock.install({ time: Date.now() + minutes * 60_000 })
    const skewed: string[] = []
    page.on('response', (r) => {
      if (r.url().includes('/relay/lightsail/') && r.status() === 400) skewed.push(r.headers()['x-amzn-errortype'] ?? '')
    })
    await page.goto(detail())
    await expect(page.getByTestId('status-state')).toHaveText('available')
    expect(skewed).toEqual(['InvalidSignatureException'])
    expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(1)
  })
}

test('the relays serve the paths of the config the app is served, not the shipped one', async ({ page, request }) => {
  const served = await (await request.get('./config.json')).json()
  expect(served.lightsail.relayPath).toBe('/relay/lightsail')
  expect(served.cognito.relayPath).toBe('/relay/cognito-identity')
  const posts: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(new URL(r.url()).pathname)
  })
  await page.goto(detail())
  await expect(page.getByTestId('status-state')).toHaveText('available')
  // GetId only when this browser does not keep the user's identity id yet; then GetCredentialsForIdentity and the call.
  expect(posts.slice(-2)).toEqual(['/relay/cognito-identity/us-east-2/', '/relay/lightsail/us-east-2/'])
  expect(new Set(posts)).toEqual(new Set(['/relay/cognito-identity/us-east-2/', '/relay/lightsail/us-east-2/']))
  // The shipped paths are not relayed by this server: the preview serves its static 404 there.
  expect((await request.post('./aws/lightsail/us-east-2/', { data: '{}' })).status()).toBe(404)
})

test('a relay that is not where config.json says is explained, not "something unexpected"', async ({ page, request }) => {
  const config = await (await request.get('./config.json')).json()
  await page.route('**/config.json', (route) => route.fulfill({ json: { ...config, lightsail: { mode: 'relay', relayPath: '/nowhere' } } }))
  await page.goto(detail())
  const panel = page.getByRole('alert')
  await expect(panel.getByRole('heading', { name: 'The web server in front of Snapshot Lens did not pass the request on to Lightsail' })).toBeVisible()
  await expect(panel.getByRole('button', { name: 'Try again' })).toHaveCount(0)
})

test('a hostile relay path in config.json stops the app before any request is signed', async ({ page, request }) => {
  const config = await (await request.get('./config.json')).json()
  const leaks: string[] = []
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1')) leaks.push(r.url())
  })
  for (const relayPath of ['/\\evil.example', '/\t/evil.example', '/\n/evil.example']) {
    await page.route('**/config.json', (route) => route.fulfill({ json: { ...config, lightsail: { mode: 'relay', relayPath } } }))
    await page.goto(detail())
    await expect(page.getByRole('heading', { name: 'Snapshot Lens cannot start: its configuration is wrong' })).toBeVisible()
    await expect(page.getByRole('alert')).toContainText('lightsail.relayPath')
    await page.unrouteAll()
  }
  expect(leaks).toEqual([])
})

test('the emulator\'s admin API cannot be changed by another web page', async ({ page, emulator }) => {
  await page.goto(detail())
  await expect(page.getByTestId('status-state')).toHaveText('available')
  // The app's page is another origin than the emulator: a no-cors POST with a text/plain body goes out without a
  // preflight, which is exactly what a hostile page would send.
  await page.evaluate(async (url) => {
    await fetch(`${url}/_emulator/faults`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ kind: 'http500', rate: 1 }) }).catch(() => undefined)
    await fetch(`${url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'http500', rate: 1 }) }).catch(() => undefined)
  }, emulator.url)
  expect((await emulator.admin('counters')).faults).toEqual([])
})
