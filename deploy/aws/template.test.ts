// The CloudFormation template, read as AWS would: a relay for every Lightsail region, the relay rules in the CloudFront
// Function (run here on sample requests), the role's exactly three reads, no guests, a private bucket, and the same
// CSP and headers as nginx, from the same source (deploy/headers.ts) once the stack's values are in.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../app/config/config.ts'
import { LIGHTSAIL_REGIONS } from '../../app/lib/regions.ts'
import { securityHeaders } from '../headers.ts'
import { cacheControlFor, configFromOutputs, stackCommands, uploadCommands } from './stack.ts'
import { buildTemplate, LIGHTSAIL_ACTIONS, MANAGED, REMOVED_RELAY_HEADERS } from './template.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const template = JSON.parse(readFileSync(new URL('./template.json', import.meta.url), 'utf8')) as Json
const resources = template.Resources as Json
const distribution = resources.Distribution.Properties.DistributionConfig as Json

const STACK: Record<string, string> = {
  'AWS::Region': 'eu-west-1',
  'AWS::StackName': 'lens',
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  UserPool: 'eu-west-1_AbCdEf123',
  CognitoDomainPrefix: 'acme-lens',
  AppClient: '4f8a2b1c9d0e',
  IdentityPool: 'eu-west-1:5e1c0a7b-3f2d-4c8e-9b6a-0d4f2e7c1a93',
  'Distribution.DomainName': 'd111111abcdef8.cloudfront.net',
}
/** Fn::Sub as CloudFormation does it, with the stack's values above. */
function evaluate(value: unknown, extra: Record<string, string> = {}): string {
  if (typeof value === 'string') return value
  const sub = (value as Json)['Fn::Sub']
  const [text, vars] = Array.isArray(sub) ? [sub[0] as string, sub[1] as Json] : [sub as string, {}]
  const known = { ...STACK, ...extra, ...Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, extra[k] ?? evaluate(v)])) }
  return text.replace(/\$\{(!?)([^}]+)\}/g, (_whole, bang: string, name: string) => {
    if (bang) return `\${${name}}`
    if (!(name in known)) throw new Error(`unknown \${${name}} in ${text.slice(0, 80)}`)
    return known[name]!
  })
}

describe('the CloudFormation template', () => {
  it('is what deploy/aws/template.ts generates today (npm run cfn:template)', () => {
    expect(template).toEqual(JSON.parse(JSON.stringify(buildTemplate())))
  })

  it('relays every Lightsail region to its own host, uncached, with every viewer header but Host, through the relay rules', () => {
    const regions = Object.keys(LIGHTSAIL_REGIONS)
    expect(regions).toHaveLength(19)
    for (const region of regions) {
      const behaviour = distribution.CacheBehaviors.find((b: Json) => b.PathPattern === `/aws/lightsail/${region}/*`)
      expect(behaviour, region).toBeDefined()
      const origin = distribution.Origins.find((o: Json) => o.Id === behaviour.TargetOriginId)
      expect(origin.DomainName).toBe(`lightsail.${region}.amazonaws.com`)
      expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only')
      expect(behaviour.CachePolicyId).toBe(MANAGED.cachingDisabled)
      expect(behaviour.OriginRequestPolicyId).toBe(MANAGED.allViewerExceptHostHeader)
      expect(behaviour.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': ['RelayRules', 'FunctionARN'] } }])
      expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: 'RelayHeaders' })
    }
    const cognito = distribution.CacheBehaviors.find((b: Json) => b.TargetOriginId === 'CognitoIdentity')
    expect(evaluate(cognito.PathPattern)).toBe('/aws/cognito-identity/eu-west-1/*')
    expect(evaluate(distribution.Origins.find((o: Json) => o.Id === 'CognitoIdentity').DomainName)).toBe('cognito-identity.eu-west-1.amazonaws.com')
    expect(distribution.CacheBehaviors).toHaveLength(20)
  })

  describe('the relay rules at the edge (the CloudFront Function, run here)', () => {
    const code = evaluate(resources.RelayRules.Properties.FunctionCode)
    const handler = new Function(`${code}; return handler`)() as (event: unknown) => Json
    const signed = (region: string, service = 'lightsail') =>
      `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261127/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`
    const run = (uri: string, method = 'POST', headers: Record<string, string> = {}) =>
      handler({ request: { uri, method, querystring: { x: { value: '1' } }, headers: Object.fromEntries(Object.entries({ 'content-length': '120', ...headers }).map(([k, v]) => [k, { value: v }])) } })

    it('forwards a signed POST with the path rewritten to /', () => {
      const forwarded = run('/aws/lightsail/us-east-2/', 'POST', { authorization: signed('us-east-2') })
      expect(forwarded.uri).toBe('/')
      expect(forwarded.querystring).toEqual({})
      expect(run('/aws/cognito-identity/eu-west-1/', 'POST', { 'x-amz-target': 'AWSCognitoIdentityService.GetId' }).uri).toBe('/')
    })

    it.each<[string, string, Record<string, string>, number, string]>([
      ['a GET', 'GET', { authorization: signed('us-east-2') }, 405, 'RelayMethodNotAllowed'],
      ['an unsigned POST', 'POST', {}, 403, 'RelayForbidden'],
      ['a signature for another region', 'POST', { authorization: signed('eu-west-1') }, 403, 'RelayForbidden'],
      ['a signature for another service', 'POST', { authorization: signed('us-east-2', 's3') }, 403, 'RelayForbidden'],
      ['a body over 64 KiB', 'POST', { authorization: signed('us-east-2'), 'content-length': '65537' }, 413, 'RelayBodyTooLarge'],
      ['a body of unknown length', 'POST', { authorization: signed('us-east-2'), 'content-length': 'lots' }, 413, 'RelayBodyTooLarge'],
    ])('refuses %s on the Lightsail relay', (_name, method, headers, status, type) => {
      const answer = run('/aws/lightsail/us-east-2/', method, headers)
      expect(answer.statusCode).toBe(status)
      expect(JSON.parse(answer.body.data).__type).toBe(type)
    })

    it('refuses other operations and other regions on the Cognito relay, and paths without a region', () => {
      expect(run('/aws/cognito-identity/eu-west-1/', 'POST', { 'x-amz-target': 'AWSCognitoIdentityService.DeleteIdentityPool' }).statusCode).toBe(403)
      expect(run('/aws/cognito-identity/us-east-1/', 'POST', { 'x-amz-target': 'AWSCognitoIdentityService.GetId' }).statusCode).toBe(400)
      for (const uri of ['/aws/lightsail/', '/aws/lightsail/US-EAST-2/', '/aws/lightsail/us-east-2/x', '/aws/lightsail/evil.example/']) {
        expect(run(uri, 'POST', { authorization: signed('us-east-2') }).statusCode, uri).toBe(400)
      }
    })
  })

  it('gives signed-in users exactly the three Lightsail reads, and guests nothing', () => {
    const role = resources.ReaderRole.Properties
    const statements = role.Policies.flatMap((p: Json) => p.PolicyDocument.Statement)
    expect(statements).toHaveLength(1)
    expect(statements[0].Effect).toBe('Allow')
    expect([...statements[0].Action].sort()).toEqual([...LIGHTSAIL_ACTIONS].sort())
    expect(LIGHTSAIL_ACTIONS).toEqual(['lightsail:GetInstanceSnapshot', 'lightsail:GetInstanceSnapshots', 'lightsail:GetRegions'])
    expect(role.ManagedPolicyArns).toBeUndefined()
    const trust = role.AssumeRolePolicyDocument.Statement[0]
    expect(trust.Condition['ForAnyValue:StringLike']['cognito-identity.amazonaws.com:amr']).toBe('authenticated')
    expect(trust.Condition.StringEquals['cognito-identity.amazonaws.com:aud']).toEqual({ Ref: 'IdentityPool' })
    expect(resources.IdentityPool.Properties.AllowUnauthenticatedIdentities).toBe(false)
    expect(resources.IdentityPool.Properties.AllowClassicFlow).toBe(false)
    expect(Object.keys(resources.IdentityPoolRoles.Properties.Roles)).toEqual(['authenticated'])
    // No other role, user or policy anywhere in the stack.
    expect(Object.values(resources).filter((r: Json) => /^AWS::IAM::/.test(r.Type))).toHaveLength(1)
  })

  it('signs users in with a public client (code + PKCE, no secret) and keeps the bucket private behind CloudFront', () => {
    const client = resources.AppClient.Properties
    expect(client.GenerateSecret).toBe(false)
    expect(client.AllowedOAuthFlows).toEqual(['code'])
    expect(evaluate(client.CallbackURLs[0])).toBe('https://d111111abcdef8.cloudfront.net/')
    const bucket = resources.AppBucket.Properties
    expect(Object.values(bucket.PublicAccessBlockConfiguration)).toEqual([true, true, true, true])
    const read = resources.AppBucketPolicy.Properties.PolicyDocument.Statement[0]
    expect(read.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' })
    expect(evaluate(read.Condition.StringEquals['AWS:SourceArn'], { Distribution: 'E2EXAMPLE' })).toBe('arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE')
    expect(distribution.Origins[0].OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['AppOriginAccess', 'Id'] })
  })

  it.each([
    ['with portals', 'https://portal.example.com,https://ops.example.com'],
    ['without portals', ''],
  ])('carries the CSP and headers deploy/headers.ts makes from the config its outputs write (%s)', (_name, portals) => {
    const outputs = Object.fromEntries(
      Object.entries(template.Outputs as Json).map(([key, output]) => {
        const value = (output as Json).Value
        if (value.Ref) return [key, value.Ref === 'AWS::Region' ? STACK['AWS::Region'] : STACK[value.Ref] ?? `${value.Ref}-id`]
        if (value['Fn::Join']) return [key, key === 'PortalOrigins' ? portals : '']
        return [key, evaluate(value)]
      }),
    )
    const config = parseConfig(configFromOutputs(outputs as Record<string, string>))
    const expected = securityHeaders(config)
    for (const name of ['AppHeaders', 'RelayHeaders']) {
      const policy = resources[name].Properties.ResponseHeadersPolicyConfig
      const [branchWith, branchWithout] = policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy['Fn::If'].slice(1)
      const csp = portals ? evaluate(branchWith, { Portals: portals.split(',').join(' ') }) : evaluate(branchWithout)
      expect(csp).toBe(expected['Content-Security-Policy'])
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
      const custom = Object.fromEntries(policy.CustomHeadersConfig.Items.map((i: Json) => [i.Header, i.Value]))
      expect(custom['Permissions-Policy']).toBe(expected['Permissions-Policy'])
      expect(custom['X-Robots-Tag']).toBe(expected['X-Robots-Tag'])
      expect(policy.SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy).toBe(expected['Referrer-Policy'])
    }
    expect(resources.RelayHeaders.Properties.ResponseHeadersPolicyConfig.RemoveHeadersConfig.Items.map((i: Json) => i.Header)).toEqual(REMOVED_RELAY_HEADERS)
    expect(config.embed.allowedOrigins).toEqual(portals ? portals.split(',') : [])
    expect(config.auth).toMatchObject({ authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123', clientId: '4f8a2b1c9d0e' })
    expect(config.cognito).toMatchObject({ region: 'eu-west-1', identityPoolId: STACK.IdentityPool, relayPath: '/aws/cognito-identity' })
  })
})

describe('from the stack to config.json and the upload', () => {
  it('refuses outputs that are not this stack\'s', () => {
    expect(() => configFromOutputs({ Region: 'eu-west-1' })).toThrow('has no output IdentityPoolId')
  })

  it('narrows the regions when the stack does', () => {
    const outputs = { Region: 'eu-west-1', IdentityPoolId: 'eu-west-1:x', Authority: 'https://cognito-idp.eu-west-1.amazonaws.com/p', ClientId: 'c', LogoutUrl: 'https://d.auth.eu-west-1.amazoncognito.com/logout', AppUrl: 'https://d/', Bucket: 'b', DistributionId: 'E', AllowedRegions: 'us-east-2,eu-west-1' }
    expect(configFromOutputs(outputs)).toMatchObject({ defaultRegion: 'eu-west-1', regions: ['us-east-2', 'eu-west-1'] })
    expect(configFromOutputs({ ...outputs, AllowedRegions: 'us-east-2' })).toMatchObject({ defaultRegion: 'us-east-2' })
  })

  it('uploads hashed assets to be kept for good, and the rest to be revalidated', () => {
    expect(cacheControlFor('assets/index-BnDLZ8S0.js')).toBe('public, max-age=31536000, immutable')
    expect(cacheControlFor('assets/index-Dx3_k-9A.css')).toBe('public, max-age=31536000, immutable')
    for (const path of ['index.html', 'config.json', 'embed.js', 'robots.txt', 'assets/readme.txt']) expect(cacheControlFor(path)).toBe('no-cache')
  })

  it('deploys the template with its parameters, uploads assets before the page, and invalidates what is revalidated', () => {
    const [deploy, describe] = stackCommands({ stack: 'lens', region: 'eu-west-1', domainPrefix: 'acme-lens', portals: ['https://portal.example.com'], regions: [] })
    expect(deploy).toEqual(expect.arrayContaining(['deploy', 'deploy/aws/template.json', 'CAPABILITY_IAM', 'CognitoDomainPrefix=acme-lens', 'PortalOrigins=https://portal.example.com', 'AllowedRegions=']))
    expect(describe).toEqual(expect.arrayContaining(['describe-stacks', 'lens', 'eu-west-1']))
    const upload = uploadCommands({ Bucket: 'lens-appbucket-1', DistributionId: 'E2EXAMPLE' }, 'eu-west-1')
    expect(upload.map((c) => c.slice(0, 3).join(' '))).toEqual(['aws s3 sync', 'aws s3 sync', 'aws cloudfront create-invalidation'])
    expect(upload[0]).toEqual(expect.arrayContaining(['dist/assets', 's3://lens-appbucket-1/assets', 'public, max-age=31536000, immutable']))
    expect(upload[0]).not.toContain('--delete')
    expect(upload[1]).toEqual(expect.arrayContaining(['--exclude', 'assets/*', '--delete', 'no-cache']))
    expect(upload[2]).toEqual(expect.arrayContaining(['E2EXAMPLE', '/index.html', '/config.json', '/embed.js']))
  })
})
