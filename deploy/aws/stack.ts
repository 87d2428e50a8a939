// From the stack's outputs to what Snapshot Lens needs: config.json, and how each built file is uploaded.
import type { AppConfig } from '../../app/config/config.ts'
import { isLightsailRegion } from '../../app/lib/regions.ts'
import { CACHING } from '../headers.ts'

export type StackOutputs = Record<string, string>

const REQUIRED = ['Region', 'IdentityPoolId', 'Authority', 'ClientId', 'LogoutUrl', 'AppUrl', 'Bucket', 'DistributionId'] as const

/** Where the inventory starts when the stack's own region has no Lightsail (Cognito is in more regions). */
const FALLBACK_REGION = 'us-east-1'

/** config.json from the stack's outputs, exactly: every value the app needs comes from the stack. */
export function configFromOutputs(outputs: StackOutputs): Record<string, unknown> {
  const missing = REQUIRED.filter((key) => !outputs[key])
  if (missing.length > 0) throw new Error(`The stack has no output ${missing.join(', ')}: is it the Snapshot Lens stack, fully created?`)
  const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean)
  const regions = list(outputs.AllowedRegions)
  const home = outputs.Region!
  const defaultRegion = regions.length > 0 ? (regions.includes(home) ? home : regions[0]) : isLightsailRegion(home) ? home : FALLBACK_REGION
  const config = {
    defaultRegion,
    ...(regions.length > 0 ? { regions } : {}),
    cognito: { region: home, identityPoolId: outputs.IdentityPoolId, relayPath: '/aws/cognito-identity' },
    lightsail: { mode: 'relay', relayPath: '/aws/lightsail' },
    auth: { authority: outputs.Authority, clientId: outputs.ClientId, logoutUrl: outputs.LogoutUrl },
    pollSeconds: 10,
    embed: { allowedOrigins: list(outputs.PortalOrigins) },
  } satisfies Partial<Record<keyof AppConfig, unknown>>
  return config
}

/** The Cache-Control each built file is uploaded with: hashed assets for good, everything else revalidated. */
export function cacheControlFor(path: string): string {
  return /^assets\/.+-[A-Za-z0-9_-]{8}\.(js|css|svg|woff2)$/.test(path) ? CACHING.hashed : CACHING.revalidate
}

/**
 * Files of the build that are never uploaded: the emulator's guest config (a development pool whose guests may read,
 * which no real pool has), and source maps should one ever land in dist/.
 */
export const NOT_UPLOADED = ['config.guest.json', '*.map']
