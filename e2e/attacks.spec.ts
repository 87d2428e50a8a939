// The attacker's probes against a running copy (issue 18), kept as tests: a page on a loopback port nobody registered
// tries to take a signed-in user's tokens; links carry a sign-in answer, or markup, that the app did not ask for; a
// second tab changes the user under the first; a portal floods the frame with messages.
import type { Page } from '@playwright/test'
import { E2E_APP_URL, E2E_ATTACKER_URL, E2E_EMULATOR_URL, E2E_PORTAL_URL } from './environment.ts'
import { expect, test } from './fixtures.ts'
import { signInAs } from './sign-in.ts'

/** The attacker's page (e2e/hosts/thief.js), at the root of a loopback port that no one registered with the sign-in. */
const THIEF = E2E_ATTACKER_URL
const oidcUser = 'oidc.user:http://127.0.0.1:4599/oidc:snapshot-lens'
const PHISHING = 'Your account is locked. Call +1-555-0100 or visit https://evil.example/unlock'

/** Every URL the page's main frame went to, and every request to the provider's token endpoint, from now on. */
function record(page: Page) {
  const visited: string[] = []
  const tokenCalls: string[] = []
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url())
  })
  page.on('request', (request) => {
    if (request.url().startsWith(`${E2E_EMULATOR_URL}/oidc/token`)) tokenCalls.push(request.headers().origin ?? '')
  })
  return { visited, tokenCalls }
}

const outcome = (page: Page) => page.waitForFunction(() => (window as unknown as { outcome?: unknown }).outcome).then((h) => h.jsonValue())

test.describe('a page on a loopback port the sign-in does not know', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test('gets neither a code nor a token for a user signed in to the app, and cannot use a refresh token it holds', async ({ page, request }) => {
    // Alice signs in to the app, as on any morning: the provider now knows her browser (its session cookie).
    await page.goto(E2E_APP_URL)
    await signInAs(page, 'alice')
    await expect(page.getByText('Signed in as')).toContainText('Alice Adams')
    const refreshToken = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).refresh_token as string, oidcUser)

    // The attack: a page of another port asks the provider for a code for the app's client, to be sent to itself.
    const { visited, tokenCalls } = record(page)
    await page.goto(THIEF)
    await expect(page.getByRole('heading', { name: 'Sign-in error' })).toBeVisible()
    expect(page.url().startsWith(`${E2E_EMULATOR_URL}/oidc/auth?`)).toBe(true)
    await expect(page.getByText('invalid_redirect_uri')).toBeVisible()
    // The provider answered with its own page, before any code: the browser never went back to the attacker's page.
    expect(visited.filter((url) => url.startsWith(E2E_ATTACKER_URL) && url.includes('code='))).toEqual([])
    expect(tokenCalls).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { outcome?: unknown }).outcome)).toBeUndefined()

    // Even a refresh token it somehow held is of no use from there: refused, and the answer unreadable to the page.
    await page.goto(`${THIEF}?probe=refresh&token=${encodeURIComponent(refreshToken)}`)
    expect(await outcome(page)).toEqual({ blocked: 'TypeError: Failed to fetch' })
    // Refused before it was used: alice's own page can still renew with it (as the only user of it so far).
    const renewed = await request.post(`${E2E_EMULATOR_URL}/oidc/token`, {
      headers: { origin: new URL(E2E_APP_URL).origin },
      form: { grant_type: 'refresh_token', client_id: 'snapshot-lens', refresh_token: refreshToken },
    })
    expect(renewed.status()).toBe(200)
  })

  test('sending the code to the app\'s page with a state of its own gets it nowhere: the app ignores the answer', async ({ page }) => {
    await page.goto(E2E_APP_URL)
    await signInAs(page, 'alice')
    await expect(page.getByText('Signed in as')).toContainText('Alice Adams')
    const { visited, tokenCalls } = record(page)
    await page.goto(`${THIEF}?to=app`)
    await expect(page.getByRole('heading', { name: 'A sign-in answer was ignored' })).toBeVisible()
    // The code came to the app's page (the provider's session answered at once), and the app neither redeemed it nor
    // kept it in the URL.
    expect(visited.some((url) => url.startsWith(E2E_APP_URL) && url.includes('code='))).toBe(true)
    expect(tokenCalls).toEqual([])
    expect(new URL(page.url()).search).toBe('')
    await page.getByRole('link', { name: 'Continue to Snapshot Lens' }).click()
    await expect(page.getByText('Signed in as')).toContainText('Alice Adams')
  })
})

test('a link with a sign-in answer this browser did not ask for shows none of its text, in the app\'s words', async ({ page, emulator }) => {
  const errors: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.goto(`./?${new URLSearchParams({ state: 'abc', error: 'access_denied', error_description: PHISHING })}`)
  const main = page.getByRole('main')
  await expect(main.getByRole('heading', { name: 'A sign-in answer was ignored' })).toBeVisible()
  await expect(main).toContainText('this browser did not start, so Snapshot Lens did not read it')
  const text = await page.locator('body').innerText()
  for (const words of ['locked', '555', 'evil.example', 'access_denied', 'abc']) expect(text).not.toContain(words)
  expect(new URL(page.url()).search).toBe('')
  expect(await emulator.calls('CognitoIdentity.GetId')).toBe(0)
  expect(errors).toEqual([])
  // A state that would name another key the sign-in library keeps is no better.
  await page.goto(`./?${new URLSearchParams({ state: 'user:http://127.0.0.1:4599/oidc:snapshot-lens', code: 'x' })}`)
  await expect(page.getByRole('heading', { name: 'A sign-in answer was ignored' })).toBeVisible()
})

test('markup in every parameter of a link is shown as text, never run', async ({ page }) => {
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  const markup = (n: number) => `"><img src=x onerror="window.pwned=${n}"><script>window.pwned=${n}</script>`
  const keys = ['region', 'snapshot', 'q', 'state', 'origin', 'instance', 'tag', 'olderThan', 'sort', 'group', 'theme', markup(99)]
  for (const [i, extra] of [[], [['embed', '1']]].entries()) {
    const params = new URLSearchParams([...keys.map((k, n) => [k, markup(n)]), ...extra])
    await page.goto(`./?${params}`)
    await expect(page.getByRole('list', { name: 'Link problems' })).toBeVisible()
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), `pass ${i}`).toBeUndefined()
    expect(await page.locator('#root img, #root script, #root svg[onload]').count()).toBe(0)
  }
  expect(dialogs).toEqual([])
})

test.describe('another tab of the same browser', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test('signing out and in as someone else drops what the first tab read for the first user', async ({ page, context }) => {
    await page.goto('./?region=us-west-2')
    await signInAs(page, 'alice')
    const grid = page.getByRole('grid')
    await expect(grid.getByRole('row').nth(1)).toBeVisible()
    await expect(page.getByText('Signed in as')).toContainText('Alice Adams')

    const other = await context.newPage()
    await other.goto('./?region=us-east-2')
    await expect(other.getByText('Signed in as')).toContainText('Alice Adams')
    await other.getByRole('button', { name: 'Sign out' }).click()
    // Back from the provider's sign-out at the app's own address.
    await other.waitForURL((url) => url.origin === new URL(page.url()).origin && url.search === '')
    await expect(other.getByRole('heading', { name: 'You have signed out of Snapshot Lens' })).toBeVisible()
    // The first tab follows at once: nothing alice read stays on it.
    await expect(page.getByRole('heading', { name: 'You have signed out of Snapshot Lens' })).toBeVisible()
    await expect(page.getByRole('grid')).toHaveCount(0)

    await other.getByRole('button', { name: 'Sign in' }).click()
    await signInAs(other, 'bob')
    await expect(other.getByText('Signed in as')).toContainText('Bob Brown')
    // The first tab now reads as bob, who may not read us-west-2: it says so, and shows none of alice's rows.
    await expect(page.getByText('Signed in as')).toContainText('Bob Brown')
    await expect(page.getByRole('list', { name: 'Regions that did not answer' })).toContainText('access denied: the role SnapshotLensReadersOhio')
    await expect(page.getByRole('grid').getByRole('row').nth(1)).toHaveCount(0)
  })
})

test('a portal flooding the frame with 200,000 messages leaves it responsive, each one counted and ignored', async ({ page, emulator }) => {
  await page.exposeFunction('portalToken', async () => (await emulator.admin('tokens', { user: 'alice', audience: 'ops-portal' })).idToken)
  await page.goto(`${E2E_PORTAL_URL}host.html?mode=raw&region=us-east-2&snapshot=web-1-backup`)
  const app = page.frameLocator('iframe[title="Snapshot Lens"]')
  const { idToken } = await emulator.admin('tokens', { user: 'alice', audience: 'ops-portal' })
  await expect.poll(() => page.evaluate(() => (window as unknown as { received: { data: { type?: string } }[] }).received.some((m) => m.data.type === 'ready'))).toBe(true)
  await page.evaluate((token) => (window as unknown as { sendToApp(d: unknown): void }).sendToApp({ protocol: 'snapshot-lens', version: 1, type: 'token', payload: { idToken: token } }), idToken)
  await expect(app.getByTestId('status-state')).toHaveText('available')

  const started = Date.now()
  await page.evaluate(() => {
    const send = (window as unknown as { sendToApp(d: unknown): void }).sendToApp
    const hostile = [
      { protocol: 'snapshot-lens', version: 1, type: 'navigate', payload: { region: 'mars-1' } },
      { protocol: 'snapshot-lens', version: 1, type: 'theme', payload: { mode: 'dark', tokens: { '--sl-bg': 'url(https://evil.example/x)' } } },
      { protocol: 'snapshot-lens', version: 1, type: 'token', payload: { idToken: 'not a token' } },
      { protocol: 'snapshot-lens', version: 1, type: 'navigate', payload: { snapshot: '<img src=x onerror=alert(1)>' } },
    ]
    for (let i = 0; i < 200_000; i++) send(hostile[i % hostile.length])
    send({ protocol: 'snapshot-lens', version: 1, type: 'theme', payload: { mode: 'dark' } })
  })
  // The last, well-formed message takes effect: everything before it was read; the page answers the user again.
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark', { timeout: 30_000 })
  const seconds = (Date.now() - started) / 1000
  await expect(app.getByTestId('embed-ignored-payload')).toHaveText('200000')
  await app.getByRole('button', { name: 'Refresh' }).click()
  await expect(app.getByRole('button', { name: 'Refresh' })).toBeEnabled()
  await expect(app.getByTestId('status-state')).toHaveText('available')
  expect(page.frames().find((f) => f.url().startsWith(E2E_APP_URL))!.url()).toContain('region=us-east-2&snapshot=web-1-backup')
  test.info().annotations.push({ type: 'flood', description: `200,000 messages read in ${seconds.toFixed(1)} s` })
})
