// The production path through CloudFront, with the parts that can run here: the real SDK signs for the regional host,
// the app's relay middleware sends the request to the distribution, the template's CloudFront Function runs on it,
// CloudFront's policies and its own headers (Via, X-Forwarded-For, X-Amz-Cf-Id: unsigned, and X-Amz-Cf-Id an x-amz-*
// header no function can remove) shape what reaches the origin, and Lightsail (the emulator, which checks SigV4 as
// Lightsail does) verifies the signature and answers.
import { GetCredentialsForIdentityCommand, GetIdCommand, CognitoIdentityClient } from '@aws-sdk/client-cognito-identity'
import { GetInstanceSnapshotCommand, GetRegionsCommand, LightsailClient } from '@aws-sdk/client-lightsail'
import { readFileSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { relayPlugin, relayUrlFor } from '../../app/aws/relay.ts'
import type { Emulator } from '../../emulator/server.ts'
import { loopbackOnly, startTestEmulator, TEST_POOL } from '../../emulator/testing.ts'
import { startEdge, stackValues, type Edge } from './edge.ts'

const template = JSON.parse(readFileSync(new URL('./template.json', import.meta.url), 'utf8')) as Record<string, unknown>

/** Between CloudFront and the origin: passes every request on as it is, and keeps the headers it carried. */
async function startTap(target: string): Promise<{ url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = []
  const to = new URL(target)
  const server: Server = createServer((req, res) => {
    seen.push(req.headers)
    const upstream = httpRequest({ hostname: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

let emulator: Emulator
let tap: Awaited<ReturnType<typeof startTap>>
let edge: Edge
beforeAll(async () => {
  emulator = await startTestEmulator()
  tap = await startTap(emulator.url)
  edge = await startEdge({ template, stack: stackValues('us-east-2'), upstream: tap.url })
})
afterAll(async () => {
  await edge.close()
  await tap.close()
  await emulator.close()
})
beforeEach(() => {
  tap.seen.length = 0
})

/** Guest credentials of the emulator's development pool, asked through the distribution's Cognito relay. */
async function credentialsThroughCloudFront() {
  const cognito = new CognitoIdentityClient({ region: 'us-east-2', endpoint: relayUrlFor(edge.url, '/aws/cognito-identity', 'us-east-2').href, requestHandler: loopbackOnly() })
  const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: TEST_POOL }))
  const { Credentials } = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId }))
  return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken! }
}

function lightsailThroughCloudFront(region: string, credentials: Awaited<ReturnType<typeof credentialsThroughCloudFront>>) {
  const client = new LightsailClient({ region, credentials, requestHandler: loopbackOnly() })
  client.middlewareStack.use(relayPlugin(relayUrlFor(edge.url, '/aws/lightsail', region)))
  return client
}

describe('the SDK through CloudFront to Lightsail', () => {
  it('gets credentials and a snapshot: the signature holds with the headers CloudFront adds', async () => {
    const credentials = await credentialsThroughCloudFront()
    expect(tap.seen.map((h) => h.host)).toEqual(['cognito-identity.us-east-2.amazonaws.com', 'cognito-identity.us-east-2.amazonaws.com'])
    const out = await lightsailThroughCloudFront('us-east-2', credentials).send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))
    expect(out.instanceSnapshot?.name).toBe('web-1-backup')
    const lightsail = tap.seen.at(-1)!
    expect(lightsail.host).toBe('lightsail.us-east-2.amazonaws.com')
    // What reached Lightsail: CloudFront's own unsigned headers, beside the signed ones.
    expect(lightsail.via).toMatch(/CloudFront/)
    expect(lightsail['x-forwarded-for']).toBeTruthy()
    expect(lightsail['x-amz-cf-id']).toBeTruthy()
    const signed = /SignedHeaders=([^,]+)/.exec(String(lightsail.authorization))![1]!.split(';')
    for (const added of ['via', 'x-forwarded-for', 'x-amz-cf-id']) expect(signed).not.toContain(added)
    // Every header the SDK signed arrived.
    for (const name of signed) expect(lightsail[name], name).toBeDefined()
  })

  it('in every region the distribution relays, each scoped to its own', async () => {
    const credentials = await credentialsThroughCloudFront()
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
      const out = await lightsailThroughCloudFront(region, credentials).send(new GetRegionsCommand({}))
      expect(out.regions?.length, region).toBeGreaterThan(0)
      expect(tap.seen.at(-1)!.host).toBe(`lightsail.${region}.amazonaws.com`)
    }
  })

  it('refuses, at the edge, an operation the app does not make, though signed: nothing reaches Lightsail', async () => {
    const credentials = await credentialsThroughCloudFront()
    tap.seen.length = 0
    const client = lightsailThroughCloudFront('us-east-2', credentials)
    // The SDK's own command for a write the app never makes, signed like any other.
    const { DeleteInstanceSnapshotCommand } = await import('@aws-sdk/client-lightsail')
    await expect(client.send(new DeleteInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))).rejects.toMatchObject({ name: 'RelayForbidden', $metadata: { httpStatusCode: 403 } })
    expect(tap.seen).toEqual([])
  })
})
