// The peer's AWS side: what a plain app doing Snapshot Lens's job would write with the same stack and nothing else.
// The config from ./config.json (read as it is, unchecked), credentials from fromCognitoIdentityPool with the SDK's
// default identity cache, Cognito through the same-origin relay, and a Lightsail client whose signed requests are
// sent to the relay path (Lightsail allows no CORS). Signed in, oidc-client-ts reads the stored user on every load
// (loaded only when config.json has `auth`, so the guest peer does not carry it).
import { GetInstanceSnapshotCommand, GetInstanceSnapshotsCommand, LightsailClient, type ServiceInputTypes, type ServiceOutputTypes } from '@aws-sdk/client-lightsail'
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity'
import type { FinalizeRequestMiddleware } from '@smithy/types'

export interface PeerConfig {
  defaultRegion: string
  cognito: { region: string; identityPoolId: string; relayPath?: string; endpoint?: string }
  lightsail: { relayPath: string }
  auth?: { authority: string; clientId: string; scopes?: string }
}

export async function loadConfig(): Promise<PeerConfig> {
  const response = await fetch('./config.json')
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`)
  return (await response.json()) as PeerConfig
}

const relayUrl = (path: string, region: string) => `${window.location.origin}${path.replace(/\/+$/, '')}/${region}/`

interface Login {
  key: string
  idToken: string
  sub: string
}

/** The signed-in user, or a redirect to sign in (resolving never); back from the provider, the original link again. */
async function signIn(auth: NonNullable<PeerConfig['auth']>): Promise<Login> {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts')
  const manager = new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: auth.scopes ?? 'openid profile email',
    userStore: new WebStorageStateStore({ store: window.localStorage }),
    loadUserInfo: false,
  })
  const params = new URLSearchParams(window.location.search)
  const user = params.has('code') && params.has('state') ? await manager.signinCallback() : await manager.getUser()
  if (user && params.has('code')) window.history.replaceState(null, '', String(user.state ?? '/'))
  if (!user || user.expired) {
    await manager.signinRedirect({ state: window.location.pathname + window.location.search })
    return new Promise<never>(() => undefined)
  }
  return { key: auth.authority.replace(/^https?:\/\//, ''), idToken: user.id_token!, sub: user.profile.sub }
}

export async function lightsailFor(config: PeerConfig) {
  const login = config.auth ? await signIn(config.auth) : undefined
  const credentials = fromCognitoIdentityPool({
    identityPoolId: config.cognito.identityPoolId,
    clientConfig: {
      region: config.cognito.region,
      endpoint: config.cognito.relayPath ? relayUrl(config.cognito.relayPath, config.cognito.region) : config.cognito.endpoint,
    },
    ...(login ? { logins: { [login.key]: login.idToken }, userIdentifier: login.sub } : {}),
  })
  const clients = new Map<string, LightsailClient>()
  const client = (region: string) => {
    let found = clients.get(region)
    if (!found) {
      found = new LightsailClient({ region, credentials })
      // Signed for lightsail.<region>.amazonaws.com, sent to <relayPath>/<region>/ on this origin.
      const target = new URL(relayUrl(config.lightsail.relayPath, region))
      const relay: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => (args) => {
        const request = args.request as { protocol: string; hostname: string; port?: number; path: string }
        Object.assign(request, { protocol: target.protocol, hostname: target.hostname, port: Number(target.port) || undefined, path: target.pathname })
        return next(args)
      }
      found.middlewareStack.addRelativeTo(relay, { name: 'relay', relation: 'after', toMiddleware: 'httpSigningMiddleware' })
      clients.set(region, found)
    }
    return found
  }
  return {
    snapshot: (region: string, name: string, abortSignal?: AbortSignal) =>
      client(region).send(new GetInstanceSnapshotCommand({ instanceSnapshotName: name }), { abortSignal }).then((r) => r.instanceSnapshot!),
    snapshots: (region: string, abortSignal?: AbortSignal) =>
      client(region).send(new GetInstanceSnapshotsCommand({}), { abortSignal }).then((r) => r.instanceSnapshots ?? []),
  }
}
