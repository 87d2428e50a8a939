// The CloudFormation template, read as AWS would: within what `aws cloudformation deploy` sends, a relay for every
// region where Lightsail answers and none elsewhere, only the relay headers forwarded, the role's exactly the app's
// reads, no guests, a private bucket that can be emptied and deleted, names that fit for any stack name the script
// accepts, and the same CSP and headers as nginx, from the same source (deploy/headers.ts).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../app/config/config.ts'
import { LIGHTSAIL_ACTIONS, LIGHTSAIL_OPERATION_NAMES } from '../../app/lib/lightsail-operations.ts'
import { LIGHTSAIL_REGIONS } from '../../app/lib/regions.ts'
import { RELAY_RULES } from '../../app/lib/relay-rules.ts'
import { EMBED_SCRIPT_HEADERS, securityHeaders } from '../headers.ts'
import { deployerPolicy, RESOURCE_ACTIONS } from './deployer-policy.ts'
import { applyHeadersPolicy, stackValues } from './edge.ts'
import { evaluator } from './evaluate.ts'
import { cacheControlFor, configFromOutputs } from './stack.ts'
import {
  buildTemplate,
  DOMAIN_PREFIX_PATTERN,
  formatTemplate,
  MANAGED,
  maxStackNameLength,
  NAME_LIMITS,
  relayFunctionCode,
  REMOVED_RELAY_HEADERS,
  TEMPLATE_BODY_LIMIT,
} from './template.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const file = new URL('./template.json', import.meta.url)
const text = readFileSync(file, 'utf8')
const template = JSON.parse(text) as Json
const resources = template.Resources as Json

/** The template as a stack in eu-west-1 with these parameters would have it. */
function deployed(parameters: Record<string, string | string[]> = {}) {
  return evaluator(template, stackValues('eu-west-1', parameters))
}
const resource = (name: string, parameters: Record<string, string | string[]> = {}) => deployed(parameters).evaluate(resources[name].Properties) as Json
const distribution = resource('Distribution').DistributionConfig as Json

/** The botocore model of a service, read by the Python the AWS CLI runs on. */
function botocoreShape(service: string, shape: string): Json {
  const script = `import botocore.session, json; m = botocore.session.get_session().get_service_model(${JSON.stringify(service)}); s = m.shape_for(${JSON.stringify(shape)}); print(json.dumps({"max": s.metadata.get("max"), "doc": s.documentation, "members": {k: v.documentation for k, v in getattr(s, "members", {}).items()}}))`
  return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as Json
}

describe('the CloudFormation template', () => {
  it('is what deploy/aws/template.ts generates today (npm run cfn:template)', () => {
    expect(text).toBe(formatTemplate(buildTemplate()))
  })

  it('fits in what `aws cloudformation deploy` sends without an S3 bucket (51,200 bytes), with room to grow', () => {
    expect(Buffer.byteLength(text)).toBeLessThan(TEMPLATE_BODY_LIMIT * 0.8)
    // The CloudFront Function's own quota: 10 KB of code.
    expect(Buffer.byteLength(relayFunctionCode())).toBeLessThan(10 * 1024 * 0.6)
  })

  it('relays exactly the regions where Lightsail answers, each to its own host, and refuses every other path of a relay', () => {
    const regions = Object.keys(LIGHTSAIL_REGIONS)
    const relayed = distribution.CacheBehaviors.filter((b: Json) => /^\/aws\/lightsail\/[a-z0-9-]+\/\*$/.test(b.PathPattern))
    expect(relayed.map((b: Json) => b.PathPattern.split('/')[3]).sort()).toEqual([...regions].sort())
    for (const region of regions) {
      const behaviour = relayed.find((b: Json) => b.PathPattern === `/aws/lightsail/${region}/*`)
      const origin = distribution.Origins.find((o: Json) => o.Id === behaviour.TargetOriginId)
      expect(origin.DomainName).toBe(`lightsail.${region}.amazonaws.com`)
      expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginReadTimeout: RELAY_RULES.answerTimeoutMs / 1000 })
      expect(behaviour.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: 'arn:aws:cloudfront::123456789012:function/lens-relay-rules' }])
    }
    const cognito = distribution.CacheBehaviors.find((b: Json) => b.TargetOriginId === 'CognitoIdentity')
    expect(cognito.PathPattern).toBe('/aws/cognito-identity/eu-west-1/*')
    expect(distribution.Origins.find((o: Json) => o.Id === 'CognitoIdentity').DomainName).toBe('cognito-identity.eu-west-1.amazonaws.com')
    // The catch-alls come after the regions (CloudFront takes the first behaviour that matches) and run the function.
    const paths = distribution.CacheBehaviors.map((b: Json) => b.PathPattern)
    expect(paths.slice(-2)).toEqual(['/aws/lightsail/*', '/aws/cognito-identity/*'])
    for (const behaviour of distribution.CacheBehaviors.filter((b: Json) => b.PathPattern.startsWith('/aws/'))) {
      expect(behaviour.FunctionAssociations, behaviour.PathPattern).toHaveLength(1)
      expect(behaviour.ResponseHeadersPolicyId).toBe('relay-headers-id')
    }
    // A distribution takes 25 cache behaviours.
    expect(distribution.CacheBehaviors.length).toBeLessThanOrEqual(25)
  })

  it('forwards to the relays the headers nginx forwards and nothing else: no cookie, no Referer, no query', () => {
    const cache = resource('RelayCache').CachePolicyConfig
    const requests = resource('RelayRequests').OriginRequestPolicyConfig
    const forwarded = [...cache.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers, ...requests.HeadersConfig.Headers]
    expect(forwarded.sort()).toEqual([...RELAY_RULES.requestHeaders].sort())
    // CloudFront forwards Authorization only as part of a cache key, and takes 10 headers a policy.
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers).toEqual(['authorization'])
    expect(requests.HeadersConfig.Headers.length).toBeLessThanOrEqual(10)
    expect(requests.HeadersConfig.Headers).not.toContain('authorization')
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({ CookiesConfig: { CookieBehavior: 'none' }, QueryStringsConfig: { QueryStringBehavior: 'none' } })
    expect(requests).toMatchObject({ CookiesConfig: { CookieBehavior: 'none' }, QueryStringsConfig: { QueryStringBehavior: 'none' } })
    // Nothing cached: POST answers never are, and the default TTL is 0.
    expect(cache).toMatchObject({ MinTTL: 0, DefaultTTL: 0 })
    for (const behaviour of distribution.CacheBehaviors.filter((b: Json) => b.PathPattern.startsWith('/aws/'))) {
      expect(behaviour).toMatchObject({ CachePolicyId: 'relay-cache-id', OriginRequestPolicyId: 'relay-requests-id' })
      expect(behaviour.CachedMethods).toBeUndefined()
    }
  })

  it("gives signed-in users exactly the app's Lightsail reads, and guests nothing", () => {
    const role = resources.ReaderRole.Properties
    const statements = role.Policies.flatMap((p: Json) => p.PolicyDocument.Statement)
    expect(statements).toHaveLength(1)
    expect(statements[0].Effect).toBe('Allow')
    expect([...statements[0].Action].sort()).toEqual([...LIGHTSAIL_ACTIONS].sort())
    for (const action of statements[0].Action) expect(action).toMatch(/^lightsail:Get[A-Za-z]+$/)
    expect(role.ManagedPolicyArns).toBeUndefined()
    const restricted = resource('ReaderRole', { AllowedRegions: ['us-east-2', 'eu-west-1'] }).Policies[0].PolicyDocument.Statement[0]
    expect(restricted.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': ['us-east-2', 'eu-west-1'] } })
    expect(resource('ReaderRole').Policies[0].PolicyDocument.Statement[0].Condition).toBeUndefined()
    const trust = role.AssumeRolePolicyDocument.Statement[0]
    expect(trust.Condition['ForAnyValue:StringLike']['cognito-identity.amazonaws.com:amr']).toBe('authenticated')
    expect(trust.Condition.StringEquals['cognito-identity.amazonaws.com:aud']).toEqual({ Ref: 'IdentityPool' })
    expect(resources.IdentityPool.Properties.AllowUnauthenticatedIdentities).toBe(false)
    expect(resources.IdentityPool.Properties.AllowClassicFlow).toBe(false)
    expect(Object.keys(resources.IdentityPoolRoles.Properties.Roles)).toEqual(['authenticated'])
    // No other role, user or policy anywhere in the stack.
    expect(Object.values(resources).filter((r: Json) => /^AWS::IAM::/.test(r.Type))).toHaveLength(1)
    // The docs name each of them.
    const docs = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8')
    for (const operation of LIGHTSAIL_OPERATION_NAMES) expect(docs, operation).toContain(`\`${operation === LIGHTSAIL_OPERATION_NAMES[0] ? 'lightsail:' : ''}${operation}\``)
  })

  it('signs users in with a public client (code + PKCE, no secret) and keeps the bucket private behind CloudFront', () => {
    const client = resource('AppClient')
    expect(client.GenerateSecret).toBe(false)
    expect(client.AllowedOAuthFlows).toEqual(['code'])
    expect(client.CallbackURLs).toEqual(['https://d111111abcdef8.cloudfront.net/'])
    const bucket = resources.AppBucket.Properties
    expect(Object.values(bucket.PublicAccessBlockConfiguration)).toEqual([true, true, true, true])
    const read = resource('AppBucketPolicy').PolicyDocument.Statement[0]
    expect(read.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' })
    expect(read.Condition.StringEquals['AWS:SourceArn']).toBe('arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE')
    expect(distribution.Origins[0].OriginAccessControlId).toBe('E3OAC')
  })

  it('keeps old builds a month, and lets `deploy:aws --delete` empty the bucket before the stack goes', () => {
    const bucket = resources.AppBucket
    expect(bucket.DeletionPolicy).toBe('Delete')
    expect(bucket.Properties.VersioningConfiguration.Status).toBe('Enabled')
    expect(bucket.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } })
  })

  it('serves your own domain from parameters: the alias, its certificate, and its callback and sign-out URLs', () => {
    const domain = { AppDomain: 'lens.example.com', CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b' }
    const withDomain = resource('Distribution', domain).DistributionConfig
    expect(withDomain.Aliases).toEqual(['lens.example.com'])
    expect(withDomain.ViewerCertificate).toEqual({ AcmCertificateArn: domain.CertificateArn, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' })
    expect(distribution.Aliases).toBeUndefined()
    expect(distribution.ViewerCertificate).toEqual({ CloudFrontDefaultCertificate: true })
    const client = resource('AppClient', domain)
    expect(client.CallbackURLs).toEqual(['https://d111111abcdef8.cloudfront.net/', 'https://lens.example.com/'])
    expect(client.LogoutURLs).toEqual(['https://d111111abcdef8.cloudfront.net/?signed-out=1', 'https://lens.example.com/?signed-out=1'])
    const outputs = deployed(domain).evaluate(template.Outputs) as Json
    expect(outputs.AppUrl.Value).toBe('https://lens.example.com/')
    expect(outputs.LogoutUrl.Value).toContain('logout_uri=https%3A%2F%2Flens.example.com%2F%3Fsigned-out%3D1')
    expect((deployed().evaluate(template.Outputs) as Json).AppUrl.Value).toBe('https://d111111abcdef8.cloudfront.net/')
    // A domain without a certificate is refused before anything is made.
    expect(template.Rules.DomainHasCertificate.RuleCondition).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AppDomain' }, ''] }] })
  })

  it('refuses a domain prefix Cognito would refuse only once the stack is half made', () => {
    const pattern = new RegExp(template.Parameters.CognitoDomainPrefix.AllowedPattern)
    expect(template.Parameters.CognitoDomainPrefix.AllowedPattern).toBe(DOMAIN_PREFIX_PATTERN)
    for (const ok of ['acme-lens', 'lens', 'a', 'ops2-snapshots']) expect(pattern.test(ok), ok).toBe(true)
    for (const bad of ['acme-aws-lens', 'amazonlens', 'my-cognito', 'Acme', '-acme', 'acme-', 'a'.repeat(64), 'acme.lens']) expect(pattern.test(bad), bad).toBe(false)
  })

  it('builds names from the stack name that fit their resources for any stack name of up to maxStackNameLength()', () => {
    const longest = maxStackNameLength()
    expect(longest).toBe(52)
    // The limits, from botocore's model: CloudFront's FunctionName, and its origin access control's Name.
    expect(botocoreShape('cloudfront', 'FunctionName').max).toBe(NAME_LIMITS['AWS::CloudFront::Function'])
    expect(botocoreShape('cloudfront', 'OriginAccessControlConfig').members.Name).toContain('up to 64 characters')
    const stackName = 'a'.repeat(longest)
    const named = (evaluator(template, { ...stackValues('eu-west-1', { 'AWS::StackName': stackName }) }).evaluate(resources) as Json)
    expect(named.RelayRules.Properties.Name).toHaveLength(64)
    expect(named.AppOriginAccess.Properties.OriginAccessControlConfig.Name.length).toBeLessThanOrEqual(64)
  })

  it.each([
    ['with portals', ['https://portal.example.com', 'https://ops.example.com']],
    ['without portals', []],
  ])('carries the CSP and headers deploy/headers.ts makes from the config its outputs write (%s)', (_name, portals) => {
    const evaluated = deployed({ PortalOrigins: portals })
    const outputs = Object.fromEntries(Object.entries(evaluated.evaluate(template.Outputs) as Json).map(([key, output]) => [key, String((output as Json).Value)]))
    const config = parseConfig(configFromOutputs(outputs))
    const expected = securityHeaders(config)
    for (const name of ['AppHeaders', 'EmbedHeaders', 'RelayHeaders']) {
      const policy = resource(name, { PortalOrigins: portals }).ResponseHeadersPolicyConfig
      const served = applyHeadersPolicy({ 'content-security-policy': "default-src *" }, policy)
      for (const [header, value] of Object.entries(expected)) expect(served[header.toLowerCase()], `${name} ${header}`).toBe(value)
      expect(served['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/)
    }
    expect(config.embed.allowedOrigins).toEqual(portals)
    expect(config.auth).toMatchObject({ authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123', clientId: '4f8a2b1c9d0e' })
    expect(config.cognito).toMatchObject({ region: 'eu-west-1', relayPath: '/aws/cognito-identity' })
  })

  it('sends embed.js with Cross-Origin-Resource-Policy, as nginx does, and strips the ten riskiest upstream headers on the relays', () => {
    const embed = distribution.CacheBehaviors.find((b: Json) => b.PathPattern === 'embed.js')
    expect(embed).toMatchObject({ TargetOriginId: 'app', ResponseHeadersPolicyId: 'embed-headers-id', CachePolicyId: MANAGED.cachingOptimized })
    const served = applyHeadersPolicy({}, resource('EmbedHeaders').ResponseHeadersPolicyConfig)
    for (const [header, value] of Object.entries(EMBED_SCRIPT_HEADERS)) expect(served[header.toLowerCase()]).toBe(value)
    expect(applyHeadersPolicy({}, resource('AppHeaders').ResponseHeadersPolicyConfig)['cross-origin-resource-policy']).toBeUndefined()
    const relay = resource('RelayHeaders').ResponseHeadersPolicyConfig
    expect(relay.RemoveHeadersConfig.Items.map((i: Json) => i.Header)).toEqual(REMOVED_RELAY_HEADERS)
    expect(REMOVED_RELAY_HEADERS).toHaveLength(10)
  })
})

describe("the deployer's permissions (deploy/aws/deployer-policy.json)", () => {
  const policy = JSON.parse(readFileSync(new URL('./deployer-policy.json', import.meta.url), 'utf8')) as Json

  it('are what deploy/aws/deployer-policy.ts generates today (npm run cfn:template), and fit a managed policy', () => {
    expect(policy).toEqual(deployerPolicy())
    // IAM counts a managed policy's characters without whitespace: 6,144 at most.
    expect(JSON.stringify(policy).replace(/\s/g, '').length).toBeLessThan(6144)
  })

  it('cover every resource type of the template, and hand the reader role to Cognito Identity only', () => {
    const types = new Set(Object.values(resources).map((r: Json) => r.Type as string))
    expect([...types].sort()).toEqual(Object.keys(RESOURCE_ACTIONS).sort())
    const allowed = new Set(policy.Statement.flatMap((st: Json) => st.Action))
    for (const [type, { service, actions }] of Object.entries(RESOURCE_ACTIONS)) for (const action of actions) expect(allowed.has(`${service}:${action}`), `${type} ${action}`).toBe(true)
    const pass = policy.Statement.find((st: Json) => st.Action.includes('iam:PassRole'))
    expect(pass).toMatchObject({ Resource: 'arn:aws:iam::*:role/snapshot-lens-ReaderRole-*', Condition: { StringEquals: { 'iam:PassedToService': 'cognito-identity.amazonaws.com' } } })
    expect(policy.Statement.filter((st: Json) => st.Action.includes('iam:PassRole'))).toHaveLength(1)
    // Nothing anywhere with a wildcard action.
    for (const st of policy.Statement) for (const action of st.Action) expect(action).not.toContain('*')
  })
})

describe('from the stack to config.json and the upload', () => {
  it("refuses outputs that are not this stack's", () => {
    expect(() => configFromOutputs({ Region: 'eu-west-1' })).toThrow('has no output IdentityPoolId')
  })

  const outputs = { Region: 'eu-west-1', IdentityPoolId: 'eu-west-1:x', Authority: 'https://cognito-idp.eu-west-1.amazonaws.com/p', ClientId: 'c', LogoutUrl: 'https://d.auth.eu-west-1.amazoncognito.com/logout', AppUrl: 'https://d/', Bucket: 'b', DistributionId: 'E' }

  it('narrows the regions when the stack does', () => {
    const narrowed = { ...outputs, AllowedRegions: 'us-east-2,eu-west-1' }
    expect(configFromOutputs(narrowed)).toMatchObject({ defaultRegion: 'eu-west-1', regions: ['us-east-2', 'eu-west-1'] })
    expect(configFromOutputs({ ...narrowed, AllowedRegions: 'us-east-2' })).toMatchObject({ defaultRegion: 'us-east-2' })
  })

  it('starts on a Lightsail region when the stack sits in a region without Lightsail', () => {
    expect(configFromOutputs({ ...outputs, Region: 'sa-east-1' })).toMatchObject({ defaultRegion: 'us-east-1', cognito: { region: 'sa-east-1' } })
    expect(configFromOutputs({ ...outputs, Region: 'eu-west-1' })).toMatchObject({ defaultRegion: 'eu-west-1' })
  })

  it('uploads hashed assets to be kept for good, and the rest to be revalidated', () => {
    expect(cacheControlFor('assets/index-BnDLZ8S0.js')).toBe('public, max-age=31536000, immutable')
    expect(cacheControlFor('assets/index-Dx3_k-9A.css')).toBe('public, max-age=31536000, immutable')
    for (const path of ['index.html', 'config.json', 'embed.js', 'robots.txt', 'assets/readme.txt']) expect(cacheControlFor(path)).toBe('no-cache')
  })
})
