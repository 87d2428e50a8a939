// One AWS session per identity: its Cognito credentials and its regional Lightsail clients. Nothing tied to a user
// lives at module level; signing out or switching users drops the whole session (and the app drops its query cache).
import type { AppConfig } from '../config/config.ts'
import { CognitoCredentials, type CognitoLogin } from './credentials.ts'
import { LightsailClients } from './lightsail.ts'

export class AwsSession {
  readonly credentials: CognitoCredentials
  readonly lightsail: LightsailClients

  constructor(config: Pick<AppConfig, 'cognito' | 'lightsail'>, origin: string, login?: CognitoLogin) {
    this.credentials = new CognitoCredentials(config.cognito, origin, login)
    this.lightsail = new LightsailClients(config.lightsail, this.credentials, origin)
  }

  dispose(): void {
    this.lightsail.destroy()
    this.credentials.renew()
  }
}
