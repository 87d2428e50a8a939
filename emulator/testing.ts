// Helpers for tests that talk to a real emulator over loopback with the real AWS SDK.
import { GetCredentialsForIdentityCommand, GetIdCommand, CognitoIdentityClient } from '@aws-sdk/client-cognito-identity'
import { LightsailClient } from '@aws-sdk/client-lightsail'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { HttpHandler, HttpRequest } from '@smithy/protocol-http'
import { seedAccount } from './fixtures/seed.ts'
import { DEVELOPMENT_POOL, SIGNED_IN_POOL } from './pools.ts'
import { startEmulator, type Emulator, type EmulatorOptions } from './server.ts'

/** The development pool, whose guests may read Lightsail: for tests about anything but identities. */
export const TEST_POOL = DEVELOPMENT_POOL
export { SIGNED_IN_POOL }

export function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({
    port: 0,
    account: (pending) => seedAccount(Date.now(), pending ?? 20),
    ...options,
  })
}

/** A request handler that refuses any host but loopback, so a test can never reach real AWS. */
export function loopbackOnly(): HttpHandler {
  const inner = new NodeHttpHandler()
  return {
    handle(request: HttpRequest, options?: { abortSignal?: AbortSignal }) {
      if (request.hostname !== '127.0.0.1') throw new Error(`test tried to reach ${request.hostname}`)
      return inner.handle(request, options)
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => inner.destroy(),
  } as unknown as HttpHandler
}

export function cognitoClient(url: string): CognitoIdentityClient {
  return new CognitoIdentityClient({ region: 'us-east-2', endpoint: url, requestHandler: loopbackOnly() })
}

export async function guestCredentials(url: string, pool = TEST_POOL) {
  const cognito = cognitoClient(url)
  const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: pool }))
  const { Credentials } = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId }))
  return {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretKey!,
    sessionToken: Credentials!.SessionToken!,
    expiration: Credentials!.Expiration,
  }
}

/** An ID token for a seeded user, minted by the emulator's admin API. */
export async function idToken(url: string, user: string, extra: { expiresIn?: number; audience?: string } = {}): Promise<string> {
  const { status, body } = await admin(url, 'tokens', { user, ...extra })
  if (status !== 200) throw new Error(`minting a token failed: ${JSON.stringify(body)}`)
  return body.idToken as string
}

/** The logins key of the emulator's own OpenID provider. */
export const providerName = (emulator: Emulator) => emulator.issuer.replace(/^https?:\/\//, '')

/** Credentials of a signed-in seeded user, from the signed-in pool, through the real SDK. */
export async function userCredentials(emulator: Emulator, user: string, pool = SIGNED_IN_POOL) {
  const cognito = cognitoClient(emulator.url)
  const Logins = { [providerName(emulator)]: await idToken(emulator.url, user) }
  const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: pool, Logins }))
  const { Credentials } = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))
  return {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretKey!,
    sessionToken: Credentials!.SessionToken!,
    expiration: Credentials!.Expiration,
  }
}

export async function lightsailClient(url: string, region = 'us-east-2', extra: Record<string, unknown> = {}) {
  return new LightsailClient({
    region,
    endpoint: url,
    credentials: await guestCredentials(url),
    requestHandler: loopbackOnly(),
    ...extra,
  })
}

/** A client signed with the tools' key (`test` / `test`), which may call every Lightsail action from loopback. */
export function toolsClient(url: string, region = 'us-east-2'): LightsailClient {
  return new LightsailClient({ region, endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler: loopbackOnly() })
}

export async function admin(url: string, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  const response = await fetch(`${url}/_emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
