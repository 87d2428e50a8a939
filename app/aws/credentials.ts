// One Cognito Identity credential provider for the whole app. The SDK memoizes what it returns and refreshes it when
// fewer than five minutes remain; `renewCredentials` throws that away when the service says the set is no good.
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import type { AppConfig } from '../config/config.ts'

let cognito: AppConfig['cognito'] | undefined
let provider: AwsCredentialIdentityProvider | undefined
let generation = 0

export function configureCredentials(config: AppConfig['cognito']): void {
  cognito = config
  provider = undefined
  generation += 1
}

function cognitoProvider(): AwsCredentialIdentityProvider {
  if (!cognito) throw new Error('configureCredentials() must run before any AWS call')
  // clientConfig rather than a client of our own: the provider then loads a slim Cognito client on demand.
  provider ??= fromCognitoIdentityPool({
    identityPoolId: cognito.identityPoolId,
    clientConfig: { region: cognito.region, ...(cognito.endpoint ? { endpoint: cognito.endpoint } : {}) },
  })
  return provider
}

/** The provider every Lightsail client shares. */
export const credentials: AwsCredentialIdentityProvider = async (): Promise<AwsCredentialIdentity> => {
  try {
    return await cognitoProvider()()
  } catch (error) {
    // The cached identity id may be gone (pool recreated, emulator restarted): the SDK has dropped it from storage,
    // so a fresh provider asks for a new identity. One attempt; a second failure is the user's to see.
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error
    provider = undefined
    return cognitoProvider()()
  }
}

/** Forgets the current credentials; the next call gets a fresh set from Cognito. Returns the new generation. */
export function renewCredentials(): number {
  provider = undefined
  generation += 1
  return generation
}

/** Changes whenever credentials are renewed, so clients built on older ones can be retired. */
export function credentialGeneration(): number {
  return generation
}
