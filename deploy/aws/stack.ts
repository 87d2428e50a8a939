// From the stack's outputs to what Snapshot Lens needs: config.json, and how each built file is uploaded.
import type { AppConfig } from '../../app/config/config.ts'
import { CACHING } from '../headers.ts'

export type StackOutputs = Record<string, string>

const REQUIRED = ['Region', 'IdentityPoolId', 'Authority', 'ClientId', 'LogoutUrl', 'AppUrl', 'Bucket', 'DistributionId'] as const

/** config.json from the stack's outputs, exactly: every value the app needs comes from the stack. */
export function configFromOutputs(outputs: StackOutputs): Record<string, unknown> {
  const missing = REQUIRED.filter((key) => !outputs[key])
  if (missing.length > 0) throw new Error(`The stack has no output ${missing.join(', ')}: is it the Snapshot Lens stack, fully created?`)
  const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean)
  const regions = list(outputs.AllowedRegions)
  const config = {
    defaultRegion: regions.includes(outputs.Region!) || regions.length === 0 ? outputs.Region : regions[0],
    ...(regions.length > 0 ? { regions } : {}),
    cognito: { region: outputs.Region, identityPoolId: outputs.IdentityPoolId, relayPath: '/aws/cognito-identity' },
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

export interface DeployOptions {
  stack: string
  region: string
  domainPrefix: string
  portals: string[]
  regions: string[]
}

/** The AWS CLI calls that create or update the stack (the upload follows, once its outputs are known). */
export function stackCommands(options: DeployOptions): string[][] {
  const at = ['--stack-name', options.stack, '--region', options.region]
  return [
    [
      'aws', 'cloudformation', 'deploy', '--template-file', 'deploy/aws/template.json', ...at,
      '--capabilities', 'CAPABILITY_IAM', '--no-fail-on-empty-changeset',
      '--parameter-overrides', `CognitoDomainPrefix=${options.domainPrefix}`, `PortalOrigins=${options.portals.join(',')}`, `AllowedRegions=${options.regions.join(',')}`,
    ],
    ['aws', 'cloudformation', 'describe-stacks', ...at, '--query', 'Stacks[0].Outputs', '--output', 'json'],
  ]
}

/** The upload of dist/ (config.json already written into it) and the invalidation of what is revalidated. */
export function uploadCommands(outputs: StackOutputs, region: string, dist = 'dist'): string[][] {
  const bucket = `s3://${outputs.Bucket}`
  return [
    // Hashed assets first, kept for good; old ones stay for pages still open on an earlier build.
    ['aws', 's3', 'sync', `${dist}/assets`, `${bucket}/assets`, '--region', region, '--cache-control', cacheControlFor('assets/x-AAAAAAAA.js')],
    // Then the page, its config and embed.js, revalidated on every load.
    ['aws', 's3', 'sync', dist, bucket, '--region', region, '--exclude', 'assets/*', '--delete', '--cache-control', cacheControlFor('index.html')],
    ['aws', 'cloudfront', 'create-invalidation', '--distribution-id', outputs.DistributionId!, '--paths', '/', '/index.html', '/config.json', '/embed.js'],
  ]
}
