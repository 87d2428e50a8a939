// The floor: the least any client can do to show a snapshot, measured from Node straight to the emulator. A cold load
// needs three sequential round trips (GetId, GetCredentialsForIdentity, GetInstanceSnapshot); a warm reload, whose
// identity id is cached, needs two.
import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { median } from './stats.ts'

export async function cognito(emulatorUrl: string, operation: string, body: object): Promise<Record<string, unknown>> {
  const response = await fetch(emulatorUrl, {
    method: 'POST',
    headers: { 'x-amz-target': `AWSCognitoIdentityService.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`floor: ${operation} answered ${response.status}`)
  return (await response.json()) as Record<string, unknown>
}

async function lightsail(emulatorUrl: string, credentials: Record<string, string>, region: string, operation: string, input: object): Promise<unknown> {
  const url = new URL(emulatorUrl)
  const body = JSON.stringify(input)
  const signed = await new SignatureV4({
    service: 'lightsail',
    region,
    sha256: Sha256,
    credentials: { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretKey!, sessionToken: credentials.SessionToken! },
  }).sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Lightsail_20161128.${operation}` },
      body,
    }),
  )
  const { host: _host, ...headers } = signed.headers as Record<string, string>
  const response = await fetch(emulatorUrl, { method: 'POST', headers, body })
  if (!response.ok) throw new Error(`floor: ${operation} answered ${response.status}`)
  return response.json()
}

const getSnapshot = (emulatorUrl: string, credentials: Record<string, string>) =>
  lightsail(emulatorUrl, credentials, 'us-east-2', 'GetInstanceSnapshot', { instanceSnapshotName: 'web-1-backup' })

/** One round trip of the inventory: the first page (up to 100 snapshots) of a region, once credentials are in hand. */
export async function measureListRoundTrip(emulatorUrl: string, pool: string, region: string, runs: number): Promise<number> {
  const { IdentityId } = await cognito(emulatorUrl, 'GetId', { IdentityPoolId: pool })
  const { Credentials } = await cognito(emulatorUrl, 'GetCredentialsForIdentity', { IdentityId })
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await lightsail(emulatorUrl, Credentials as Record<string, string>, region, 'GetInstanceSnapshots', {})
    times.push(performance.now() - started)
  }
  return median(times)
}

/** Medians of `runs` cold (three round trips) and warm (two) sequences. */
export async function measureFloors(emulatorUrl: string, pool: string, runs: number): Promise<{ coldMs: number; warmMs: number }> {
  const cold: number[] = []
  const warm: number[] = []
  for (let i = 0; i < runs; i++) {
    let started = performance.now()
    const { IdentityId } = await cognito(emulatorUrl, 'GetId', { IdentityPoolId: pool })
    const first = await cognito(emulatorUrl, 'GetCredentialsForIdentity', { IdentityId })
    await getSnapshot(emulatorUrl, first.Credentials as Record<string, string>)
    cold.push(performance.now() - started)

    started = performance.now()
    const again = await cognito(emulatorUrl, 'GetCredentialsForIdentity', { IdentityId })
    await getSnapshot(emulatorUrl, again.Credentials as Record<string, string>)
    warm.push(performance.now() - started)
  }
  return { coldMs: median(cold), warmMs: median(warm) }
}

/** A signed-in reload's floor: GetCredentialsForIdentity with the user's ID token, then GetInstanceSnapshot. */
export async function measureSignedInFloor(emulatorUrl: string, pool: string, runs: number): Promise<number> {
  const minted = await fetch(`${emulatorUrl}/_emulator/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'alice' }) })
  const { idToken } = (await minted.json()) as { idToken: string }
  const Logins = { [`${new URL(emulatorUrl).host}/oidc`]: idToken }
  const { IdentityId } = await cognito(emulatorUrl, 'GetId', { IdentityPoolId: pool, Logins })
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const { Credentials } = await cognito(emulatorUrl, 'GetCredentialsForIdentity', { IdentityId, Logins })
    await getSnapshot(emulatorUrl, Credentials as Record<string, string>)
    times.push(performance.now() - started)
  }
  return median(times)
}

/** The inventory's floor, cold: GetId, GetCredentialsForIdentity, then the home region's first page of snapshots. */
export async function measureInventoryFloor(emulatorUrl: string, pool: string, region: string, runs: number): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const { IdentityId } = await cognito(emulatorUrl, 'GetId', { IdentityPoolId: pool })
    const { Credentials } = await cognito(emulatorUrl, 'GetCredentialsForIdentity', { IdentityId })
    await lightsail(emulatorUrl, Credentials as Record<string, string>, region, 'GetInstanceSnapshots', {})
    times.push(performance.now() - started)
  }
  return median(times)
}
