// Embedding end to end: test portals on their own origins (e2e/hosts, served on 4596, which config.e2e.json allows,
// and on 4595, which it does not) frame the built app, with embed.js or by hand, and hand over their user's ID token
// as a portal's own sign-in would (the emulator mints it for the `ops-portal` client, which the identity pool trusts).
import AxeBuilder from '@axe-core/playwright'
import type { Frame, Page } from '@playwright/test'
import { generateKeyPair, SignJWT } from 'jose'
import { USERS } from '../emulator/users.ts'
import { E2E_APP_URL, E2E_FOREIGN_PORTAL_URL, E2E_PORTAL_URL } from './environment.ts'
import { expect, test, type EmulatorHandle } from './fixtures.ts'
import { signInAs } from './sign-in.ts'

const APP_ORIGIN = new URL(E2E_APP_URL).origin
const PORTAL_ORIGIN = new URL(E2E_PORTAL_URL).origin
const FOREIGN_ORIGIN = new URL(E2E_FOREIGN_PORTAL_URL).origin
const detailLink = `${E2E_APP_URL}?region=us-east-2&snapshot=web-1-backup`

interface Recorded {
  type: string
  detail: Record<string, unknown>
}
interface Received {
  origin: string
  data: { protocol?: string; version?: number; type?: string; payload?: Record<string, unknown> }
}
type HostWindow = Window & { events: Recorded[]; received: Received[]; lens: HTMLElement & { navigate(params: unknown): void; setTheme(mode: string, tokens?: Record<string, string>): void }; sendToApp(data: unknown): void }

/** The portal's page: its user's tokens come from the emulator, and every reason the app gave for asking is kept. */
async function openPortal(
  page: Page,
  emulator: EmulatorHandle,
  query: string,
  token: { user?: string; expiresIn?: number; renewal?: (reason: string) => Promise<string> } = {},
) {
  const asked: string[] = []
  await page.exposeFunction('portalToken', async (reason: string) => {
    asked.push(reason)
    if (reason !== 'missing' && token.renewal) return token.renewal(reason)
    const minted = await emulator.admin('tokens', { user: token.user ?? 'alice', audience: 'ops-portal', expiresIn: token.expiresIn ?? 3600 })
    return minted.idToken
  })
  const navigations: string[] = []
  page.on('framenavigated', (frame) => navigations.push(frame.url()))
  await page.goto(`${E2E_PORTAL_URL}host.html?${query}`)
  return { asked, navigations, app: page.frameLocator('iframe[title="Snapshot Lens"]') }
}

const appFrame = (page: Page): Frame => {
  const frame = page.frames().find((f) => f.url().startsWith(APP_ORIGIN))
  if (!frame) throw new Error('no Snapshot Lens frame on the page')
  return frame
}
/** A frame of the page at this URL, once it has loaded. */
async function frameAt(page: Page, url: string): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url() === url)).toBe(true)
  const frame = page.frames().find((f) => f.url() === url)!
  await frame.waitForLoadState()
  return frame
}
/** The app has said `ready`: it reads messages from now on. */
const appReady = (page: Page) =>
  expect.poll(async () => (await received(page)).some((m) => m.data.type === 'ready')).toBe(true)
const events = (page: Page, type: string) => page.evaluate((t) => (window as unknown as HostWindow).events.filter((e) => e.type === t).map((e) => e.detail), type)
const received = (page: Page) => page.evaluate(() => (window as unknown as HostWindow).received)

/** The frame shows all its content without a scrollbar, and no empty band below it: the frame fits the content. */
async function expectFits(page: Page) {
  await expect
    .poll(() =>
      appFrame(page).evaluate(() => {
        const scrolls = document.documentElement.scrollHeight > window.innerHeight
        const gap = window.innerHeight - document.body.getBoundingClientRect().bottom
        return { scrolls, gapUnder24px: gap >= 0 && gap < 24 }
      }),
    )
    .toEqual({ scrolls: false, gapUnder24px: true })
}

test.describe('in a portal that is allowed', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test('one tag: the portal user reads without a sign-in of their own, the frame fits its content, and the view follows navigation', async ({ page, emulator }) => {
    const { asked, navigations, app } = await openPortal(page, emulator, 'region=us-east-2&snapshot=web-1-backup')
    await expect(app.getByTestId('status-state')).toHaveText('available')
    expect(asked).toEqual(['missing'])
    expect(navigations.filter((url) => url.includes('/oidc/'))).toEqual([])
    expect(await events(page, 'ready')).toEqual([
      { versions: [1], view: { region: 'us-east-2', snapshot: 'web-1-backup', url: detailLink } },
    ])
    // No app chrome in the frame, and the way out of it.
    await expect(app.getByRole('banner')).toHaveCount(0)
    const open = app.getByRole('link', { name: 'Open in Snapshot Lens (opens a new tab)' })
    await expect(open).toHaveAttribute('href', detailLink)
    await expect(open).toHaveAttribute('target', '_blank')
    await expect(open).toHaveAttribute('rel', 'noopener')
    await expectFits(page)
    const detailHeight = await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height)

    // Steered by the portal: parameters, not a URL, and no history entry (the portal keeps its own). The inventory is
    // taller; the frame follows.
    const entries = await page.evaluate(() => history.length)
    await page.evaluate(() => (window as unknown as HostWindow).lens.navigate({ region: 'us-east-2', state: 'available' }))
    await expect(app.getByRole('grid')).toBeVisible()
    await expect.poll(() => events(page, 'view')).toContainEqual({ region: 'us-east-2', url: `${E2E_APP_URL}?region=us-east-2&state=available` })
    await expectFits(page)
    expect(await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height)).not.toBe(detailHeight)
    expect(await page.evaluate(() => history.length)).toBe(entries)

    // Navigation inside the frame is reported too, with the standalone link.
    await app.getByRole('link', { name: 'web-1-backup' }).first().click()
    await expect(app.getByTestId('status-state')).toHaveText('available')
    await expect.poll(async () => (await events(page, 'view')).at(-1)).toEqual({ region: 'us-east-2', snapshot: 'web-1-backup', url: detailLink })
    await expectFits(page)

    // Every message came from the app's origin, in the protocol's envelope; sizes only when they changed.
    const messages = await received(page)
    expect(messages.every((m) => m.origin === APP_ORIGIN && m.data.protocol === 'snapshot-lens' && m.data.version === 1)).toBe(true)
    const heights = messages.filter((m) => m.data.type === 'resize').map((m) => m.data.payload!.height as number)
    expect(heights.length).toBeGreaterThan(1)
    expect(heights.every((h, i) => i === 0 || h !== heights[i - 1])).toBe(true)
    expect(heights.every((h) => Number.isInteger(h) && h > 0)).toBe(true)
  })

  test('a frame the portal makes taller does not grow in a loop: the height sent is the content\'s, not the frame\'s', async ({ page, emulator }) => {
    const { app } = await openPortal(page, emulator, 'region=us-east-2&snapshot=web-1-backup')
    // Every card drawn (the cards after Status come in a chunk of their own).
    await expect(app.locator('.disk-list')).toBeVisible()
    // (The test portal's scrollbar is always shown, so the frame's width, and the content's layout, stay put.)
    await expectFits(page)
    const resizes = async () => (await received(page)).filter((m) => m.data.type === 'resize').length
    const before = await resizes()
    await page.locator('iframe').evaluate((f) => (f.style.height = '3000px'))
    // Two frames later the app has seen any change of its content's size: there was none, so nothing was sent.
    await appFrame(page).evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    expect(await resizes(), JSON.stringify((await received(page)).filter((m) => m.data.type === 'resize').map((m) => m.data.payload))).toBe(before)
    expect(await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height)).toBe(3000)
  })

  test('a frame below the fold gets the content\'s height before it is scrolled into view', async ({ page, emulator }) => {
    const { app } = await openPortal(page, emulator, 'region=us-east-2&below=1')
    await expect(app.getByRole('grid')).toBeAttached()
    const frameTop = await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().top)
    expect(frameTop).toBeGreaterThan(await page.evaluate(() => innerHeight))
    const content = () => appFrame(page).evaluate(() => Math.ceil(document.body.getBoundingClientRect().height))
    await expect.poll(async () => (await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height)) - (await content())).toBe(0)
    expect(await content()).toBeGreaterThan(400)
    expect(await page.evaluate(() => scrollY)).toBe(0)
  })

  test('the portal sets the theme and documented tokens; other modes reset them', async ({ page, emulator }) => {
    const { app } = await openPortal(page, emulator, 'region=us-east-2&snapshot=web-1-backup&theme=light')
    await expect(app.getByTestId('status-state')).toHaveText('available')
    const accent = () => appFrame(page).evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--sl-accent').trim())
    const original = await accent()
    await page.evaluate(() => (window as unknown as HostWindow).lens.setTheme('dark', { '--sl-accent': '#7b2cbf', '--sl-radius': '0' }))
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark')
    await expect.poll(accent).toBe('#7b2cbf')
    expect(await appFrame(page).evaluate(() => getComputedStyle(document.querySelector('.card')!).borderTopLeftRadius)).toBe('0px')
    await page.evaluate(() => (window as unknown as HostWindow).lens.setTheme('light'))
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'light')
    await expect.poll(accent).toBe(original)
  })

  test('a token about to expire is asked for again, and one Cognito refuses is replaced, without a visible error', async ({ page, emulator }) => {
    // A token of 20 s is renewed halfway through its life.
    const { asked, app } = await openPortal(page, emulator, 'region=us-east-2&snapshot=web-1-backup', { expiresIn: 20 })
    await expect(app.getByTestId('status-state')).toHaveText('available')
    await expect.poll(() => asked, { timeout: 15_000 }).toEqual(['missing', 'expiring'])

    await emulator.admin('expire-credentials', {})
    await emulator.admin('faults', { kind: 'error', error: 'NotAuthorizedException', count: 1, service: 'cognito-identity', operation: 'GetCredentialsForIdentity' })
    await app.getByRole('button', { name: 'Refresh' }).click()
    await expect.poll(() => asked).toContain('rejected')
    await expect(app.getByRole('button', { name: 'Refresh' })).toBeEnabled()
    await expect(app.getByRole('alert')).toHaveCount(0)
    await expect(app.getByTestId('last-refreshed')).not.toContainText('stale')
    const counters = await emulator.admin('counters')
    expect((counters.faultsInjected as number) >= 1).toBe(true)
  })

  test('a token of another provider is refused and said, and the frame offers its own sign-in', async ({ page, emulator }) => {
    const { app } = await openPortal(page, emulator, 'region=us-east-2&snapshot=web-1-backup&mode=raw')
    await appReady(page)
    const frame = appFrame(page)
    // Plain postMessage, without embed.js: a token whose issuer is not the configured authority.
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const forged = `${b64({ alg: 'none' })}.${b64({ sub: 'mallory', iss: 'https://evil.example', exp: Math.floor(Date.now() / 1000) + 3600 })}.`
    await page.evaluate((idToken) => (window as unknown as HostWindow).sendToApp({ protocol: 'snapshot-lens', version: 1, type: 'token', payload: { idToken } }), forged)
    await expect
      .poll(async () => (await received(page)).filter((m) => m.data.type === 'error').map((m) => m.data.payload))
      .toContainEqual({ kind: 'sign-in', message: 'The token is not from http://127.0.0.1:4599/oidc, the sign-in this Snapshot Lens trusts.' })
    await expect(app.getByRole('button', { name: 'Sign in (opens a window)' })).toBeVisible()
    expect(await emulator.calls('CognitoIdentity.GetId')).toBe(0)
    expect(frame.url()).toContain('snapshot=web-1-backup')
  })

  test('a renewal with another issuer\'s token is refused like a first token: said to the portal, never sent to Cognito', async ({ page, emulator }) => {
    // Another provider's properly signed ID token for the same user and the portal's client: only its issuer differs.
    const { privateKey } = await generateKeyPair('RS256')
    const alice = USERS.find((u) => u.username === 'alice')!
    const now = Math.floor(Date.now() / 1000)
    const foreign = await new SignJWT({ sub: alice.sub, token_use: 'id', 'cognito:username': 'alice' })
      .setProtectedHeader({ alg: 'RS256', kid: 'other' })
      .setIssuer('https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Other')
      .setAudience('ops-portal')
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey)
    const sent: string[] = []
    page.on('request', (r) => {
      if (r.postData()?.includes(foreign)) sent.push(r.url())
    })
    // The first token lives 20 s, so the renewal is asked for after 10; the portal answers it with the other token.
    const { asked, app } = await openPortal(page, emulator, 'region=us-east-2&snapshot=web-1-backup', { expiresIn: 20, renewal: async () => foreign })
    await expect(app.getByTestId('status-state')).toHaveText('available')
    const refusal = 'The token is not from http://127.0.0.1:4599/oidc, the sign-in this Snapshot Lens trusts.'
    await expect.poll(() => events(page, 'error'), { timeout: 20_000 }).toContainEqual({ kind: 'sign-in', message: refusal })
    expect(asked).toEqual(['missing', 'expiring'])
    await expect(app.getByRole('button', { name: 'Sign in (opens a window)' })).toBeVisible()
    await expect(app.getByRole('main')).toContainText(`The portal's new sign-in could not be used: ${refusal}`)
    expect(sent).toEqual([])
  })

  test('without a token from the portal, sign-in opens in a window, and the frame never leaves the portal', async ({ page, emulator }) => {
    const { asked, navigations, app } = await openPortal(page, emulator, 'region=us-east-2&snapshot=web-1-backup&token=none')
    const offer = app.getByRole('button', { name: 'Sign in (opens a window)' })
    await expect(offer).toBeVisible()
    expect(asked).toEqual([])
    expect(await emulator.calls('CognitoIdentity.GetId')).toBe(0)
    const [popup] = await Promise.all([page.waitForEvent('popup'), offer.click()])
    await signInAs(popup, 'alice')
    await popup.waitForEvent('close')
    await expect(app.getByTestId('status-state')).toHaveText('available')
    expect(navigations.filter((url) => url.includes('/oidc/'))).toEqual([])
    expect(appFrame(page).url()).toBe(`${detailLink}&embed=1`)
  })

  test('failures are told to the portal as error events', async ({ page, emulator }) => {
    const { app } = await openPortal(page, emulator, 'region=us-east-2&snapshot=no-such-snapshot')
    await expect(app.getByRole('alert')).toBeVisible()
    await expect.poll(() => events(page, 'error')).toContainEqual({ kind: 'not-found', message: expect.stringContaining('no-such-snapshot') })
  })

  test('Copy link copies the standalone link, not the portal\'s frame', async ({ page, emulator, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const { app } = await openPortal(page, emulator, 'region=us-east-2&snapshot=web-1-backup')
    await expect(app.getByTestId('status-state')).toHaveText('available')
    await app.getByRole('group', { name: 'Snapshot actions' }).getByRole('button', { name: 'Copy link' }).click()
    await expect(app.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(detailLink)
  })

  test('messages from other windows, foreign origins, other versions and of wrong shapes change nothing, and are counted', async ({ page, emulator }) => {
    const { app } = await openPortal(page, emulator, `region=us-east-2&snapshot=web-1-backup&mode=raw&sibling=${FOREIGN_ORIGIN}&sibling=${PORTAL_ORIGIN}`)
    const send = (data: unknown) => page.evaluate((d) => (window as unknown as HostWindow).sendToApp(d), data)
    // Plain postMessage, without embed.js: the portal's token.
    const { idToken } = await emulator.admin('tokens', { user: 'alice', audience: 'ops-portal' })
    await appReady(page)
    await send({ protocol: 'snapshot-lens', version: 1, type: 'token', payload: { idToken } })
    await expect(app.getByTestId('status-state')).toHaveText('available')

    const navigateAway = { protocol: 'snapshot-lens', version: 1, type: 'navigate', payload: { region: 'eu-west-1' } }
    const hostile: unknown[] = [
      'navigate',
      null,
      [navigateAway],
      { ...navigateAway, protocol: 'other' },
      { ...navigateAway, version: 2 },
      { ...navigateAway, version: '1' },
      { ...navigateAway, type: 'delete-everything' },
      { ...navigateAway, payload: { url: 'https://evil.example/' } },
      { ...navigateAway, payload: { region: 'mars-1' } },
      { ...navigateAway, payload: { snapshot: '<img src=x onerror=alert(1)>' } },
      { ...navigateAway, payload: 'region=eu-west-1' },
      { protocol: 'snapshot-lens', version: 1, type: 'theme', payload: { mode: 'dark', tokens: { '--sl-bg': 'url(https://evil.example/pixel)' } } },
      { protocol: 'snapshot-lens', version: 1, type: 'theme', payload: { mode: 'dark', tokens: { color: 'red' } } },
      { protocol: 'snapshot-lens', version: 1, type: 'theme', payload: { mode: 'dark', tokens: { '--sl-accent': 'red; background: url(x)' } } },
      { protocol: 'snapshot-lens', version: 1, type: 'theme', payload: { mode: 'sepia' } },
      { protocol: 'snapshot-lens', version: 1, type: 'token', payload: { idToken: 'not a token' } },
    ]
    for (const message of hostile) await send(message)
    // The same well-formed message from a sibling frame of the portal's own origin, and from a foreign one.
    for (const origin of [PORTAL_ORIGIN, FOREIGN_ORIGIN]) {
      const sibling = await frameAt(page, `${origin}/sibling.html`)
      await sibling.evaluate(([message, target]) => parent.frames[0]!.postMessage(message, target), [navigateAway, APP_ORIGIN] as const)
    }
    // A last well-formed message: once it has taken effect, everything before it has been read.
    await send({ protocol: 'snapshot-lens', version: 1, type: 'theme', payload: { mode: 'dark' } })
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark')

    const count = (id: string) => app.getByTestId(`embed-${id}`)
    await expect(count('accepted')).toHaveText('2')
    await expect(count('ignored-envelope')).toHaveText('5')
    await expect(count('ignored-version')).toHaveText('1')
    await expect(count('ignored-type')).toHaveText('1')
    await expect(count('ignored-payload')).toHaveText('9')
    await expect(count('ignored-source')).toHaveText('1')
    await expect(count('ignored-origin')).toHaveText('1')
    await expect(count('portal')).toHaveText(PORTAL_ORIGIN)
    await expect(app.getByRole('complementary', { name: 'Embedding diagnostics' })).toBeVisible()
    // Nothing changed: the same snapshot, no theme token written, and nothing was rendered from the hostile name.
    expect(appFrame(page).url()).toContain('region=us-east-2&snapshot=web-1-backup')
    await expect(app.getByTestId('status-state')).toHaveText('available')
    expect(await appFrame(page).evaluate(() => document.documentElement.getAttribute('style'))).toBeNull()
    expect(await appFrame(page).locator('img').count()).toBe(0)
  })

  test('axe finds no violations in the framed views, light and dark', async ({ page, emulator }) => {
    const { app } = await openPortal(page, emulator, 'region=us-east-2&snapshot=web-1-backup')
    await expect(app.getByTestId('status-state')).toHaveText('available')
    for (const [view, mode] of [
      [{ region: 'us-east-2', snapshot: 'web-1-backup' }, 'light'],
      [{ region: 'us-east-2', snapshot: 'web-1-backup' }, 'dark'],
      [{ region: 'us-east-2' }, 'light'],
      [{ region: 'us-east-2' }, 'dark'],
    ] as const) {
      await page.evaluate(([v, m]) => {
        const lens = (window as unknown as HostWindow).lens
        lens.navigate(v)
        lens.setTheme(m)
      }, [view, mode] as const)
      await expect(app.locator('html')).toHaveAttribute('data-theme', mode)
      if ('snapshot' in view) await expect(app.getByTestId('status-state')).toHaveText('available')
      else await expect(app.getByRole('grid')).toBeVisible()
      const results = await new AxeBuilder({ page }).include('iframe').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `${JSON.stringify(view)} ${mode}`).toEqual([])
    }
  })
})

test.describe('in a page that is not allowed', () => {
  test('the app refuses, asks nothing of AWS, says nothing to the page, and ignores its messages', async ({ page, emulator }) => {
    await page.goto(`${E2E_FOREIGN_PORTAL_URL}host.html?mode=raw&region=us-east-2&snapshot=web-1-backup`)
    const app = page.frameLocator('iframe[title="Snapshot Lens"]')
    await expect(app.getByRole('heading', { name: 'Snapshot Lens cannot be shown inside this page' })).toBeVisible()
    await expect(app.getByRole('alert')).toContainText(`It is inside a page from ${FOREIGN_ORIGIN}, which is not among the portals`)
    await expect(app.getByRole('link', { name: 'Open Snapshot Lens in its own tab' })).toHaveAttribute('href', detailLink)
    const frame = appFrame(page)
    // A message from the framing page, read after the app would have read it: nothing follows.
    await frame.evaluate(() => {
      const w = window as unknown as { heard: Promise<void> }
      w.heard = new Promise<void>((resolve) => window.addEventListener('message', () => setTimeout(resolve, 0), { once: true }))
    })
    await page.evaluate(() =>
      (window as unknown as HostWindow).sendToApp({ protocol: 'snapshot-lens', version: 1, type: 'navigate', payload: { region: 'eu-west-1' } }),
    )
    await frame.evaluate(() => (window as unknown as { heard: Promise<void> }).heard)
    expect(frame.url()).toBe(`${detailLink}&embed=1&embed-debug=1`)
    await expect(app.getByRole('heading', { name: 'Snapshot Lens cannot be shown inside this page' })).toBeVisible()
    expect(await received(page)).toEqual([])
    const { calls } = await emulator.admin('counters')
    expect(calls).toEqual({})
  })

  test('opened on its own with embed=1, the compact view works', async ({ page }) => {
    await page.goto(`${detailLink}&embed=1`)
    await expect(page.getByTestId('status-state')).toHaveText('available')
    await expect(page.getByRole('banner')).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Open in Snapshot Lens (opens a new tab)' })).toHaveAttribute('href', detailLink)
  })
})
