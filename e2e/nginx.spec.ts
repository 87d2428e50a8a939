// The production route end to end: the built app served by real nginx with the generated configuration
// (deploy/nginx, started by the suite under /lightsail/ on port 4594), both relays pointed at the emulator. Every flow
// works through it under the strict Content Security Policy with no violation, every header is as deploy/headers.ts
// says, the relays refuse what they must, and only the allowed portal can frame it.
import { readdirSync, readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { parseConfig } from '../app/config/config.ts'
import { CACHING, securityHeaders } from '../deploy/headers.ts'
import { E2E_EMULATOR_URL, E2E_FOREIGN_PORTAL_URL, E2E_NGINX_URL, E2E_PORTAL_URL } from './environment.ts'
import { expect, test } from './fixtures.ts'
import { signInAs } from './sign-in.ts'

const NGINX_ORIGIN = new URL(E2E_NGINX_URL).origin
const config = parseConfig(JSON.parse(readFileSync('e2e/config.e2e.json', 'utf8')))
const expectedHeaders = securityHeaders(config)

/** Every CSP or Trusted Types violation on any page of the app's origin, in any frame, and every uncaught error. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = []
  await page.exposeBinding('reportViolation', ({ frame }, text: string) => {
    if (frame.url().startsWith(NGINX_ORIGIN)) seen.push(text)
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportViolation(text: string): void }).reportViolation
      report(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`)
    })
  })
  page.on('console', (message) => {
    const from = message.location().url
    // (Failed requests are logged as errors too: the error flows below make some on purpose.)
    if (/Content Security Policy|Trusted Type|Refused to/i.test(message.text()) && from.startsWith(NGINX_ORIGIN)) {
      seen.push(`console: ${message.text()}`)
    }
  })
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`))
  return seen
}

test.describe('the app behind nginx', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test('signs in, shows a snapshot, a pending one, an error panel and the inventory, with no policy violation', async ({ page, emulator }) => {
    const violations = await watchViolations(page)
    await page.goto(`${E2E_NGINX_URL}?region=us-east-2&snapshot=web-1-backup&theme=dark`)
    await expect(page).toHaveURL(new RegExp(`^${E2E_EMULATOR_URL}/oidc/interaction/`))
    await signInAs(page, 'alice')
    await expect(page.getByTestId('status-state')).toHaveText('available')
    expect(page.url()).toBe(`${E2E_NGINX_URL}?region=us-east-2&snapshot=web-1-backup&theme=dark`)
    await expect(page.locator('.disk-list')).toBeVisible()
    // Both relays carried the calls: Cognito Identity for the credentials, Lightsail for the snapshot.
    expect(await emulator.calls('CognitoIdentity.GetCredentialsForIdentity')).toBeGreaterThan(0)
    expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBeGreaterThan(0)

    await page.goto(`${E2E_NGINX_URL}?region=us-east-2&snapshot=db-primary-stuck`)
    await expect(page.getByTestId('status-state')).toHaveText('pending')
    await page.goto(`${E2E_NGINX_URL}?region=us-east-2&snapshot=no-such-snapshot`)
    await expect(page.getByRole('alert')).toContainText('no-such-snapshot')
    await page.goto(`${E2E_NGINX_URL}?group=instance`)
    await expect(page.getByRole('grid')).toBeVisible()
    await expect(page.getByRole('list', { name: 'Regions that did not answer' })).toBeVisible()
    await page.getByRole('searchbox').first().fill('web')
    await expect(page).toHaveURL(/q=web/)
    expect(violations).toEqual([])
  })

  test('embedded by the allowed portal, it signs in with the portal\'s token, with no policy violation', async ({ page, emulator }) => {
    const violations = await watchViolations(page)
    await page.exposeFunction('portalToken', async () => (await emulator.admin('tokens', { user: 'alice', audience: 'ops-portal' })).idToken)
    await page.goto(`${E2E_PORTAL_URL}host.html?app=${encodeURIComponent(E2E_NGINX_URL)}&region=us-east-2&snapshot=web-1-backup`)
    const app = page.frameLocator('iframe[title="Snapshot Lens"]')
    await expect(app.getByTestId('status-state')).toHaveText('available')
    await page.evaluate(() => (window as unknown as { lens: { navigate(v: unknown): void } }).lens.navigate({ region: 'us-east-2' }))
    await expect(app.getByRole('grid')).toBeVisible()
    expect(violations).toEqual([])
  })

  test('framed by a page that is not allowed, the browser blocks it by the header, before the app runs', async ({ page, emulator }) => {
    const refused: string[] = []
    page.on('console', (message) => {
      if (/frame-ancestors/.test(message.text())) refused.push(message.text())
    })
    await page.goto(`${E2E_FOREIGN_PORTAL_URL}host.html?mode=raw&app=${encodeURIComponent(E2E_NGINX_URL)}&region=us-east-2&snapshot=web-1-backup`)
    await expect.poll(() => refused).toContainEqual(expect.stringContaining(`Framing '${NGINX_ORIGIN}/' violates the following Content Security Policy directive: "frame-ancestors http://127.0.0.1:4596"`))
    await expect(page.frameLocator('iframe[title="Snapshot Lens"]').getByRole('main')).toHaveCount(0)
    expect(page.frames().some((f) => f.url().startsWith(NGINX_ORIGIN) && f.url().includes('snapshot='))).toBe(false)
    expect((await emulator.admin('counters')).calls).toEqual({})
  })
})

test('every response carries the security headers; the page and its config are revalidated, hashed assets kept for good', async ({ request }) => {
  const page = await request.get(E2E_NGINX_URL)
  expect(page.status()).toBe(200)
  const html = await page.text()
  for (const [name, value] of Object.entries(expectedHeaders)) expect(page.headers()[name.toLowerCase()], name).toBe(value)
  expect(page.headers()['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/)
  expect(page.headers()['content-security-policy']).toContain('frame-ancestors http://127.0.0.1:4596;')
  expect(page.headers()['cache-control']).toBe(CACHING.revalidate)
  for (const path of ['config.json', 'embed.js', 'index.html']) {
    const response = await request.get(`${E2E_NGINX_URL}${path}`)
    expect(response.status(), path).toBe(200)
    expect(response.headers()['cache-control'], path).toBe(CACHING.revalidate)
    expect(response.headers()['content-security-policy'], path).toBe(expectedHeaders['Content-Security-Policy'])
  }
  // The config served is the one named, not the build's.
  expect(await (await request.get(`${E2E_NGINX_URL}config.json`)).json()).toMatchObject({ lightsail: { relayPath: '/relay/lightsail' } })
  const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!)
  expect(assets.length).toBeGreaterThan(1)
  for (const asset of assets) {
    const response = await request.get(`${E2E_NGINX_URL}${asset}`)
    expect(response.status(), asset).toBe(200)
    expect(response.headers()['cache-control'], asset).toBe(CACHING.hashed)
    expect(response.headers()['x-content-type-options'], asset).toBe('nosniff')
  }
  // Source maps are made but not published: none in dist/, none served, no comment pointing at one.
  expect(readdirSync('dist/assets').filter((name) => name.endsWith('.map'))).toEqual([])
  const entry = assets.find((a) => a.endsWith('.js'))!
  expect(await (await request.get(`${E2E_NGINX_URL}${entry}`)).text()).not.toContain('sourceMappingURL')
  expect((await request.get(`${E2E_NGINX_URL}${entry}.map`)).status()).toBe(404)
  const robots = await request.get(`${NGINX_ORIGIN}/robots.txt`)
  expect(await robots.text()).toBe('User-agent: *\nDisallow: /\n')
})

test('the relays refuse a non-POST, an unsigned, a foreign-target and an oversized request, and send nothing on', async ({ request, emulator }) => {
  const lightsail = `${NGINX_ORIGIN}/relay/lightsail/us-east-2/`
  const signed = `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261127/us-east-2/lightsail/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`
  const cases: [Promise<{ status(): number; json(): Promise<unknown>; headers(): Record<string, string> }>, number, string][] = [
    [request.get(lightsail), 405, 'RelayMethodNotAllowed'],
    [request.post(lightsail, { data: '{}', headers: { 'content-type': 'application/x-amz-json-1.1' } }), 403, 'RelayForbidden'],
    [request.post(lightsail, { data: 'x'.repeat(70 * 1024), headers: { authorization: signed } }), 413, 'RelayBodyTooLarge'],
    [request.post(`${NGINX_ORIGIN}/relay/lightsail/mars/`, { data: '{}', headers: { authorization: signed } }), 400, 'RelayBadRegion'],
    [request.post(`${NGINX_ORIGIN}/relay/cognito-identity/us-east-2/`, { data: '{}', headers: { 'x-amz-target': 'AWSCognitoIdentityService.DeleteIdentityPool' } }), 403, 'RelayForbidden'],
  ]
  for (const [pending, status, type] of cases) {
    const response = await pending
    expect(response.status()).toBe(status)
    expect(((await response.json()) as { __type: string }).__type).toBe(type)
    expect(response.headers()['content-security-policy']).toBe(expectedHeaders['Content-Security-Policy'])
  }
  expect((await emulator.admin('counters')).calls).toEqual({})
})
