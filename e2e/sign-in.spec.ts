// Sign-in end to end, through the emulator's real sign-in page and the real identity pool: a teammate's link lands
// where it pointed, each user sees what their role allows, the provider's refusal is shown as its words, refresh
// tokens rotate (one renewal for all tabs), sign-out leaves nothing behind.
import type { Page } from '@playwright/test'
import { DEVELOPMENT_POOL, GUEST_POOL, SIGNED_IN_POOL } from '../emulator/pools.ts'
import { USERS } from '../emulator/users.ts'
import { E2E_APP_URL, E2E_EMULATOR_URL } from './environment.ts'
import { expect, test } from './fixtures.ts'
import { signInAs } from './sign-in.ts'

const link = './?region=us-east-2&snapshot=web-1-backup&theme=dark'
const oidcUser = 'oidc.user:http://127.0.0.1:4599/oidc:snapshot-lens'

/** Console errors, such as oidc-client-ts's "No matching state found", fail the spec that collects them. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  return errors
}

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test('a deep link goes to sign-in, asks nothing of AWS before, and comes back to exactly that link with data', async ({ page, emulator }) => {
    const errors = consoleErrors(page)
    await page.goto(link)
    await expect(page).toHaveURL(new RegExp(`^${E2E_EMULATOR_URL}/oidc/interaction/`))
    expect(await emulator.calls('CognitoIdentity.GetId')).toBe(0)
    await signInAs(page, 'alice')
    await expect(page.getByTestId('status-state')).toHaveText('available')
    expect(new URL(page.url()).search).toBe('?region=us-east-2&snapshot=web-1-backup&theme=dark')
    await expect(page.getByRole('list', { name: 'Link problems' })).toHaveCount(0)
    await expect(page.getByText('Signed in as')).toContainText('Alice Adams')
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(errors).toEqual([])
  })

  test('a wrong password is refused on the sign-in page, and nothing reaches the app', async ({ page }) => {
    await page.goto(link)
    await signInAs(page, 'alice', 'guess')
    await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.')
    await signInAs(page, 'alice')
    await expect(page.getByTestId('status-state')).toHaveText('available')
  })

  test('a reload stays signed in, without the sign-in page and without GetId', async ({ page, emulator }) => {
    await page.goto(link)
    await signInAs(page, 'alice')
    await expect(page.getByTestId('status-state')).toHaveText('available')
    const getIds = await emulator.calls('CognitoIdentity.GetId')
    const visited: string[] = []
    page.on('framenavigated', (f) => visited.push(f.url()))
    await page.reload()
    await expect(page.getByTestId('status-state')).toHaveText('available')
    expect(visited.every((u) => !u.includes('/oidc/'))).toBe(true)
    expect(await emulator.calls('CognitoIdentity.GetId')).toBe(getIds)
  })

  test('signing out drops the session and the cache, revokes the refresh token, leaves nothing in storage, and the next sign-in starts clean', async ({ page, request }) => {
    await page.goto(link)
    await signInAs(page, 'alice')
    await expect(page.getByTestId('status-state')).toHaveText('available')
    const storage = () => page.evaluate(() => ({ local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort() }))
    // While signed in: the user's tokens, and the identity id the AWS SDK keeps for her (so a reload skips GetId).
    const alice = USERS.find((u) => u.username === 'alice')!.sub
    expect(await storage()).toEqual({ local: [`aws:cognito-identity-credentials:${SIGNED_IN_POOL}:${alice}`, oidcUser].sort(), session: [] })
    const refreshToken = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).refresh_token as string, oidcUser)

    await page.getByRole('button', { name: 'Sign out' }).click()
    // The page says so at once, then the provider ends its own session and sends the browser back to the app's address.
    await page.waitForURL((url) => url.origin === new URL(E2E_APP_URL).origin && url.search === '')
    await expect(page.getByRole('heading', { name: 'You have signed out of Snapshot Lens' })).toBeVisible()
    expect(await storage()).toEqual({ local: [], session: [] })
    // The refresh token is revoked, not only forgotten: a copy taken before is of no use.
    const renewal = await request.post(`${E2E_EMULATOR_URL}/oidc/token`, {
      headers: { origin: new URL(E2E_APP_URL).origin },
      form: { grant_type: 'refresh_token', client_id: 'snapshot-lens', refresh_token: refreshToken },
    })
    expect((await renewal.json()).error).toBe('invalid_grant')
    // The provider's session is gone too: signing in asks for the user name again.
    await page.getByRole('button', { name: 'Sign in' }).click()
    await signInAs(page, 'bob')
    await expect(page.getByText('Signed in as')).toContainText('Bob Brown')
  })

  test('a sign-in the provider refuses shows its answer as a quotation marked as the provider\'s, and nothing else of the URL', async ({ page }) => {
    // The provider is asked not to show its page (prompt=none) with no session of its own: it refuses, in its words,
    // sending the browser back with this browser's own state.
    await page.route(`${E2E_EMULATOR_URL}/oidc/auth?*`, (route) => {
      const url = new URL(route.request().url())
      if (url.searchParams.has('prompt')) return route.continue()
      url.searchParams.set('prompt', 'none')
      return route.fulfill({ status: 302, headers: { location: url.href } })
    })
    await page.goto(link)
    const panel = page.getByRole('alert')
    await expect(panel.getByRole('heading', { name: 'Sign-in did not complete' })).toBeVisible()
    await expect(panel).toContainText('The sign-in service refused this sign-in. Its answer, in its own words:')
    await expect(panel.getByRole('blockquote', { name: 'The sign-in service\'s answer' })).toHaveText('End-User authentication is required')
    expect(new URL(page.url()).search).toBe('')
    await page.unrouteAll()
    await panel.getByRole('button', { name: 'Sign in' }).click()
    await signInAs(page, 'alice')
    await expect(page.getByText('Signed in as')).toContainText('Alice Adams')
  })

  test('another user gets their own identity, and a teammate\'s link shows them what their role allows', async ({ page, browser, emulator }) => {
    await page.goto(link)
    await signInAs(page, 'alice')
    await expect(page.getByTestId('status-state')).toHaveText('available')
    const aliceIds = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('aws:cognito-identity-credentials:')))

    const teammate = await browser.newContext({ storageState: { cookies: [], origins: [] } })
    try {
      const other = await teammate.newPage()
      await other.goto('./?region=us-west-2')
      await signInAs(other, 'bob')
      const refused = other.getByRole('list', { name: 'Regions that did not answer' })
      await expect(refused).toContainText(
        'US West (Oregon) · us-west-2: access denied: the role SnapshotLensReadersOhio may not call lightsail:GetInstanceSnapshots or lightsail:GetDiskSnapshots here; ask an administrator to allow it in this region',
      )
      const bobIds = await other.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('aws:cognito-identity-credentials:')))
      expect(bobIds).toHaveLength(1)
      expect(aliceIds.map(([, v]) => v)).not.toContain(bobIds[0]![1])
      // The rest of the page keeps working: bob's own region answers.
      await other.getByLabel('Region', { exact: true }).selectOption('us-east-2')
      await other.getByLabel('Snapshot name').fill('web-1-backup')
      await other.getByRole('button', { name: 'Look up' }).click()
      await expect(other.getByTestId('status-state')).toHaveText('available')
    } finally {
      await teammate.close()
    }
    expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBeGreaterThan(0)
  })

  test('carol, without Lightsail permission, sees the access panel everywhere', async ({ page }) => {
    await page.goto(link)
    await signInAs(page, 'carol')
    await expect(page.getByRole('alert').getByRole('heading', { name: 'Access denied in us-east-2' })).toBeVisible()
    await expect(page.getByRole('alert')).toContainText('SnapshotLensNoLightsail')
    await page.getByLabel('Region', { exact: true }).selectOption('eu-west-1')
    await page.getByLabel('Snapshot name').fill('anything')
    await page.getByRole('button', { name: 'Look up' }).click()
    await expect(page.getByRole('alert').getByRole('heading', { name: 'Access denied in eu-west-1' })).toBeVisible()
  })
})

test.describe('renewal', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test('a token Cognito refuses mid-session is renewed with the refresh token, which rotates, without a visible error', async ({ page, emulator }) => {
    await page.goto(link)
    await signInAs(page, 'alice')
    await expect(page.getByTestId('status-state')).toHaveText('available')
    const refreshToken = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).refresh_token as string, oidcUser)
    const before = await refreshToken()
    await emulator.admin('expire-credentials', {})
    await emulator.admin('faults', { kind: 'error', error: 'NotAuthorizedException', count: 1, service: 'cognito-identity', operation: 'GetCredentialsForIdentity' })
    const refreshed = page.waitForResponse((r) => r.url().includes('/oidc/token') && r.request().method() === 'POST')
    await page.getByRole('button', { name: 'Refresh' }).click()
    expect((await refreshed).status()).toBe(200)
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled()
    await expect(page.getByRole('alert')).toHaveCount(0)
    await expect(page.getByTestId('last-refreshed')).not.toContainText('stale')
    expect(await refreshToken()).not.toBe(before)
  })

  test('two tabs refused at once renew once: the second takes the first one\'s token rather than spend a refresh token twice', async ({ page, context, emulator }) => {
    await page.goto(link)
    await signInAs(page, 'alice')
    await expect(page.getByTestId('status-state')).toHaveText('available')
    const other = await context.newPage()
    await other.goto(link)
    await expect(other.getByTestId('status-state')).toHaveText('available')
    // Both tabs have made every read of their cards: only the two refreshes meet the refusal.
    await Promise.all([page, other].map((tab) => tab.waitForLoadState('networkidle')))
    const renewals: number[] = []
    context.on('response', (r) => {
      if (r.url().startsWith(`${E2E_EMULATOR_URL}/oidc/token`) && r.request().method() === 'POST') renewals.push(r.status())
    })
    await emulator.admin('expire-credentials', {})
    // Cognito refuses the token both tabs hold (every call that presents it), as it would an expired or revoked one; a
    // renewed token passes.
    await emulator.admin('faults', { kind: 'error', error: 'NotAuthorizedException', rate: 1, tokensInUse: true, service: 'cognito-identity', operation: 'GetCredentialsForIdentity' })
    await Promise.all([page, other].map((tab) => tab.getByRole('button', { name: 'Refresh' }).click()))
    for (const tab of [page, other]) {
      await expect(tab.getByRole('button', { name: 'Refresh' })).toBeEnabled()
      await expect(tab.getByTestId('last-refreshed')).not.toContainText('stale')
      await expect(tab.getByRole('alert')).toHaveCount(0)
      await expect(tab.getByText('Signed in as')).toContainText('Alice Adams')
    }
    expect((await emulator.admin('counters')).faultsInjected).toBe(2)
    expect(renewals).toEqual([200])
  })
})

test.describe('a refused token that cannot be renewed', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test('leads back to sign-in, keeping the view until then, and then to the same view', async ({ page, emulator }) => {
    await page.goto(link)
    await signInAs(page, 'alice')
    await expect(page.getByTestId('status-state')).toHaveText('available')
    // The cards after Status have made their reads too: none is left to meet the refusal before the click does.
    await page.waitForLoadState('networkidle')
    // The refresh token is revoked and the provider's own session has ended (as an administrator or a password change
    // would do), then Cognito refuses the ID token. (With the provider's session still alive, the way back through
    // sign-in is instant: the provider answers at once without its page.)
    await page.context().clearCookies()
    const refreshToken = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).refresh_token as string, oidcUser)
    const revoked = await page.request.post(`${E2E_EMULATOR_URL}/oidc/token/revocation`, { form: { client_id: 'snapshot-lens', token: refreshToken } })
    expect(revoked.ok()).toBe(true)
    await emulator.admin('expire-credentials', {})
    await emulator.admin('faults', { kind: 'error', error: 'NotAuthorizedException', count: 1, service: 'cognito-identity' })
    const panels: string[] = []
    await page.exposeFunction('notePanel', (text: string) => panels.push(text))
    await page.evaluate(() => {
      new MutationObserver(() => {
        const panel = document.querySelector('.panel-error')
        if (panel) (window as unknown as { notePanel(t: string): void }).notePanel(panel.textContent ?? '')
      }).observe(document.body, { subtree: true, childList: true })
    })
    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect(page).toHaveURL(new RegExp(`^${E2E_EMULATOR_URL}/oidc/interaction/`))
    expect(panels).toEqual([])
    await signInAs(page, 'alice')
    await expect(page.getByTestId('status-state')).toHaveText('available')
    expect(new URL(page.url()).search).toBe('?region=us-east-2&snapshot=web-1-backup&theme=dark')
  })
})

test.describe('guests, where a pool allows them', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  async function asGuest(page: Page, request: import('@playwright/test').APIRequestContext, pool: string) {
    const config = await (await request.get('./config.json')).json()
    const { auth: _auth, ...guest } = config
    await page.route('**/config.json', (route) => route.fulfill({ json: { ...guest, cognito: { ...config.cognito, identityPoolId: pool } } }))
  }

  test('are denied Lightsail by a pool that works as AWS does (the enhanced flow)', async ({ page, request }) => {
    await asGuest(page, request, GUEST_POOL)
    await page.goto(link)
    const panel = page.getByRole('alert')
    await expect(panel.getByRole('heading', { name: 'Access denied in us-east-2' })).toBeVisible()
    await expect(panel).toContainText('because no session policy allows the lightsail:GetInstanceSnapshot action')
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0)
  })

  test('read with the emulator\'s development pool, without any sign-in', async ({ page, request, emulator }) => {
    await asGuest(page, request, DEVELOPMENT_POOL)
    await page.goto(link)
    await expect(page.getByTestId('status-state')).toHaveText('available')
    expect(await emulator.calls('CognitoIdentity.GetId')).toBe(1)
  })
})
