import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { DEVELOPMENT_POOL } from '../emulator/pools.ts'
import { expect, test } from './fixtures.ts'

test('the first screen shows a snapshot from the emulator, through the relay', async ({ page, emulator }) => {
  const relayed: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST') relayed.push(new URL(r.url()).pathname)
  })
  await page.goto('./?region=us-east-2&snapshot=web-1-backup')
  await expect(page.getByRole('heading', { name: 'web-1-backup' })).toBeVisible()
  await expect(page.getByText('available', { exact: true }).first()).toBeVisible()
  expect(relayed).toContain('/relay/lightsail/us-east-2/')
  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBe(1)
})

/** A GetInstanceSnapshot request signed, in Node, for the real Lightsail host with credentials from the emulator. */
async function signedCall(request: import('@playwright/test').APIRequestContext, emulatorUrl: string) {
  const call = async (op: string, body: object) =>
    (await (
      await request.post(emulatorUrl, {
        headers: { 'x-amz-target': `AWSCognitoIdentityService.${op}`, 'content-type': 'application/x-amz-json-1.1' },
        data: JSON.stringify(body),
      })
    ).json()) as Record<string, unknown>
  // The emulator's development pool, whose guests may read: the test needs credentials, not a signed-in user.
  const { IdentityId } = (await call('GetId', { IdentityPoolId: DEVELOPMENT_POOL })) as { IdentityId: string }
  const { Credentials } = (await call('GetCredentialsForIdentity', { IdentityId })) as { Credentials: Record<string, string> }
  const body = JSON.stringify({ instanceSnapshotName: 'web-1-backup' })
  const signed = await new SignatureV4({
    service: 'lightsail',
    region: 'us-east-2',
    sha256: Sha256,
    credentials: { accessKeyId: Credentials.AccessKeyId!, secretAccessKey: Credentials.SecretKey!, sessionToken: Credentials.SessionToken! },
  }).sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'https:',
      hostname: 'lightsail.us-east-2.amazonaws.com',
      path: '/',
      headers: { host: 'lightsail.us-east-2.amazonaws.com', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshot' },
      body,
    }),
  )
  const { host: _host, ...headers } = signed.headers as Record<string, string>
  return { headers, body }
}

test('a browser cannot call Lightsail directly (no CORS), and the same call through the relay succeeds', async ({ page, request, emulator }) => {
  await page.goto('./?region=us-east-2&snapshot=web-1-backup')
  const call = await signedCall(request, emulator.url)
  const attempt = (url: string) =>
    page.evaluate(
      async ({ url, call }) => {
        try {
          const response = await fetch(url, { method: 'POST', headers: call.headers, body: call.body })
          return { status: response.status, body: await response.text() }
        } catch (error) {
          return { failed: String(error) }
        }
      },
      { url, call },
    )
  const direct = await attempt(`${emulator.url}/`)
  expect(direct).toEqual({ failed: 'TypeError: Failed to fetch' })

  const relayed = await attempt('/relay/lightsail/us-east-2/')
  expect(relayed).toMatchObject({ status: 200 })
  expect(JSON.parse((relayed as { body: string }).body).instanceSnapshot.name).toBe('web-1-backup')
})

test('direct mode against an endpoint without CORS fails in the browser, and says Lightsail could not be reached', async ({ page, request, emulator }) => {
  const config = await (await request.get('./config.json')).json()
  await page.route('**/config.json', (route) => route.fulfill({ json: { ...config, lightsail: { mode: 'direct', endpoint: emulator.url } } }))
  await page.goto('./?region=us-east-2&snapshot=web-1-backup')
  await expect(page.getByRole('heading', { name: 'Lightsail could not be reached' })).toBeVisible({ timeout: 30_000 })
  // The emulator did answer (Playwright answers preflights itself while a route is set, so the calls went out), but
  // without CORS headers the browser kept every answer from the page.
  expect(await emulator.calls('Lightsail.GetInstanceSnapshot')).toBeGreaterThan(0)
  await expect(page.getByRole('region', { name: 'Status' })).toHaveCount(0)
})

test('Cognito Identity can also be reached directly, across origins, since it allows CORS', async ({ page, request, emulator }) => {
  const config = await (await request.get('./config.json')).json()
  const { relayPath: _relay, ...cognito } = config.cognito
  await page.route('**/config.json', (route) => route.fulfill({ json: { ...config, cognito: { ...cognito, endpoint: emulator.url } } }))
  const crossOrigin: string[] = []
  page.on('request', (r) => {
    if (r.url().startsWith(emulator.url)) crossOrigin.push(r.method())
  })
  await page.goto('./?region=us-east-2&snapshot=web-1-backup')
  await expect(page.getByTestId('status-state')).toHaveText('available')
  // GetCredentialsForIdentity, and GetId unless this browser keeps the user's identity id from an earlier visit.
  expect(crossOrigin.filter((m) => m === 'POST').length).toBeGreaterThanOrEqual(1)
  expect(await emulator.calls('CognitoIdentity.GetCredentialsForIdentity')).toBe(1)
})
