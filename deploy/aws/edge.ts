// A model of the stack's CloudFront distribution, over real HTTP, built from deploy/aws/template.json as deployed
// (evaluate.ts): the cache behaviours in order, the CloudFront Function's own code on each viewer request, the cache
// and origin request policies deciding which headers reach the origin, CloudFront's own request headers (Via,
// X-Forwarded-For, X-Amz-Cf-Id), and the response headers policies on the way back. Every origin is `upstream`, with
// Host set to the origin's domain, as CloudFront sets it. What it takes from AWS's documentation, and what it assumes:
// - functions see header names in lower case, repeated headers as `multiValue`, never the body nor `Connection` (and
//   the hop-by-hop headers it names, which CloudFront as a proxy does not forward: an assumption, RFC 9110 7.6.1);
// - a method outside the behaviour's AllowedMethods is answered 403 by CloudFront itself;
// - only the headers the cache and origin request policies name are forwarded (with Content-Length for the body);
// - response headers policies apply to the function's own answers as to the origin's.
// Tests only: it stands where no CloudFront can be reached.
import { randomBytes } from 'node:crypto'
import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { runInNewContext } from 'node:vm'
import { evaluator, type StackValues } from './evaluate.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Edge {
  url: string
  /** The distribution as evaluated: for tests that read it. */
  distribution: Json
  close(): Promise<void>
}

/** CloudFront's path patterns: `*` any run of characters (slashes included), `?` one; matched from the path's start. */
function patternMatches(pattern: string, path: string): boolean {
  const source = pattern.replace(/^\/?/, '/').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${source}$`).test(path)
}

/** Headers a function may not set (CloudFront answers 502 when it does): AWS's list of disallowed headers. */
const DISALLOWED = /^(connection|expect|keep-alive|proxy-authenticate|proxy-authorization|proxy-connection|trailer|upgrade|x-accel-.*|x-amz-cf-.*|x-amzn-.*|x-cache|x-edge-.*|x-forwarded-proto|x-real-ip)$/

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'proxy-authenticate']

/** The viewer's headers as CloudFront holds them: lower-case names, each with its values, hop-by-hop ones gone. */
function viewerHeaders(req: IncomingMessage): Map<string, string[]> {
  const headers = new Map<string, string[]>()
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase()
    headers.set(name, [...(headers.get(name) ?? []), req.rawHeaders[i + 1]!])
  }
  const named = (headers.get('connection')?.[0] ?? '').split(',').map((n) => n.trim().toLowerCase())
  for (const name of [...HOP_BY_HOP, ...named]) headers.delete(name)
  return headers
}

type FunctionHeaders = Record<string, { value: string; multiValue?: { value: string }[] }>

function functionHeaders(headers: Map<string, string[]>): FunctionHeaders {
  const out: FunctionHeaders = {}
  for (const [name, values] of headers) {
    if (name === 'cookie') continue
    out[name] = values.length > 1 ? { value: values[0]!, multiValue: values.map((value) => ({ value })) } : { value: values[0]! }
  }
  return out
}

export interface EdgeOptions {
  template: Json
  stack: StackValues
  /** Where every origin's requests go (the emulator, or a recording server), with Host set to the origin's domain. */
  upstream: string
}

export async function startEdge(options: EdgeOptions): Promise<Edge> {
  const { evaluate } = evaluator(options.template, options.stack)
  const resources = options.template.Resources as Json
  const resource = (id: string) => evaluate(resources[id].Properties) as Json
  const distribution = resource('Distribution').DistributionConfig as Json
  const code = resource('RelayRules').FunctionCode as string
  const handler = runInNewContext(`${code}; handler`, {}) as (event: unknown) => Json
  const policyOf = (value: unknown, type: string) => {
    if (typeof value !== 'object' || value === null) return undefined
    const id = (value as { Ref?: string }).Ref
    return id && resources[id]?.Type === type ? resource(id) : undefined
  }
  // Behaviours name their policies by Ref; evaluation turned the Refs into ids, so they are read from the raw template.
  const raw = (resources.Distribution.Properties.DistributionConfig as Json)
  const rawBehaviours: Json[] = [...raw.CacheBehaviors]
  const behaviours: Json[] = distribution.CacheBehaviors

  // The function runs on the viewer's request line and headers, before (and without) its body.
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://edge')
    const index = behaviours.findIndex((b) => patternMatches(String(b.PathPattern), url.pathname))
    const behaviour = index >= 0 ? behaviours[index]! : distribution.DefaultCacheBehavior
    const rawBehaviour = index >= 0 ? rawBehaviours[index]! : raw.DefaultCacheBehavior
    const headersPolicy = policyOf(rawBehaviour.ResponseHeadersPolicyId, 'AWS::CloudFront::ResponseHeadersPolicy')?.ResponseHeadersPolicyConfig
    const answer = (status: number, headers: Record<string, string | string[]>, body: Buffer | string) => {
      const out = applyHeadersPolicy(headers, headersPolicy)
      out['via'] = '1.1 edge.cloudfront.net (CloudFront)'
      out['x-amz-cf-id'] = randomBytes(12).toString('base64url')
      // What is left of the viewer's body is not read.
      res.writeHead(status, { ...out, connection: 'close' })
      res.end(body)
    }
    const methods: string[] = behaviour.AllowedMethods ?? ['GET', 'HEAD']
    if (!methods.includes(req.method ?? '')) return answer(403, { 'content-type': 'text/html' }, '<html>403 ERROR: This distribution is not configured to allow the HTTP request method</html>')

    const headers = viewerHeaders(req)
    let uri = url.pathname
    const associated = (behaviour.FunctionAssociations ?? []) as Json[]
    if (associated.some((a) => a.EventType === 'viewer-request')) {
      const event = {
        version: '1.0',
        context: { eventType: 'viewer-request', distributionDomainName: 'edge.cloudfront.net', requestId: 'x' },
        viewer: { ip: req.socket.remoteAddress },
        request: { method: req.method, uri, querystring: Object.fromEntries([...url.searchParams].map(([k, v]) => [k, { value: v }])), headers: functionHeaders(headers), cookies: {} },
      }
      const result = handler(event)
      const invalid = Object.keys((result.headers ?? {}) as FunctionHeaders).filter((name) => DISALLOWED.test(name) && !(name in event.request.headers))
      if (invalid.length > 0) return answer(502, { 'content-type': 'text/html' }, `<html>502 ERROR: the function set ${invalid.join(', ')}</html>`)
      if (result.statusCode !== undefined) {
        const own = Object.fromEntries(Object.entries((result.headers ?? {}) as FunctionHeaders).map(([k, v]) => [k, v.value]))
        return answer(result.statusCode, own, result.body?.data ?? '')
      }
      uri = result.uri
      headers.clear()
      for (const [name, value] of Object.entries(result.headers as FunctionHeaders)) headers.set(name, (value.multiValue ?? [value]).map((v) => v.value))
    }

    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const origin = (distribution.Origins as Json[]).find((o) => o.Id === behaviour.TargetOriginId)!
      const forwarded = new Set<string>()
      const cache = policyOf(rawBehaviour.CachePolicyId, 'AWS::CloudFront::CachePolicy')?.CachePolicyConfig
      const originRequest = policyOf(rawBehaviour.OriginRequestPolicyId, 'AWS::CloudFront::OriginRequestPolicy')?.OriginRequestPolicyConfig
      for (const name of cache?.ParametersInCacheKeyAndForwardedToOrigin?.HeadersConfig?.Headers ?? []) forwarded.add(String(name).toLowerCase())
      for (const name of originRequest?.HeadersConfig?.Headers ?? []) forwarded.add(String(name).toLowerCase())
      const body = Buffer.concat(chunks)
      const out: OutgoingHttpHeaders = {}
      for (const name of forwarded) if (headers.has(name)) out[name] = headers.get(name)!.length > 1 ? headers.get(name)! : headers.get(name)![0]!
      out.host = origin.DomainName
      out['content-length'] = body.length
      if (!forwarded.has('user-agent')) out['user-agent'] = 'Amazon CloudFront'
      out.via = '2.0 edge.cloudfront.net (CloudFront)'
      out['x-forwarded-for'] = req.socket.remoteAddress ?? '203.0.113.1'
      out['x-amz-cf-id'] = randomBytes(30).toString('base64url')
      const target = new URL(options.upstream)
      const upstream = httpRequest({ hostname: target.hostname, port: target.port, method: req.method, path: uri, headers: out }, (response) => {
        const parts: Buffer[] = []
        response.on('data', (chunk: Buffer) => parts.push(chunk))
        response.on('end', () => {
          const headers: Record<string, string | string[]> = {}
          for (const [name, value] of Object.entries(response.headers)) if (value !== undefined && name !== 'connection' && name !== 'transfer-encoding') headers[name] = value
          answer(response.statusCode ?? 502, headers, Buffer.concat(parts))
        })
      })
      upstream.on('error', () => answer(502, { 'content-type': 'text/html' }, '<html>502 ERROR: CloudFront could not connect to the origin</html>'))
      upstream.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    distribution,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** A response headers policy on an answer: the removed headers gone, the security and custom headers set over it. */
export function applyHeadersPolicy(headers: Record<string, string | string[]>, policy: Json | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value
  if (!policy) return out
  for (const item of policy.RemoveHeadersConfig?.Items ?? []) delete out[String(item.Header).toLowerCase()]
  const set = (name: string, value: string, override: boolean) => {
    if (override || out[name] === undefined) out[name] = value
  }
  const security = policy.SecurityHeadersConfig ?? {}
  if (security.ContentSecurityPolicy) set('content-security-policy', security.ContentSecurityPolicy.ContentSecurityPolicy, security.ContentSecurityPolicy.Override)
  if (security.ContentTypeOptions) set('x-content-type-options', 'nosniff', security.ContentTypeOptions.Override)
  if (security.ReferrerPolicy) set('referrer-policy', security.ReferrerPolicy.ReferrerPolicy, security.ReferrerPolicy.Override)
  if (security.FrameOptions) set('x-frame-options', security.FrameOptions.FrameOption, security.FrameOptions.Override)
  if (security.StrictTransportSecurity) {
    const hsts = security.StrictTransportSecurity
    set('strict-transport-security', `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}${hsts.Preload ? '; preload' : ''}`, hsts.Override)
  }
  for (const item of policy.CustomHeadersConfig?.Items ?? []) set(String(item.Header).toLowerCase(), String(item.Value), item.Override)
  return out
}

/** The stack's values for evaluating the template: a deployed stack in `region`, with `parameters`. */
export function stackValues(region: string, parameters: Record<string, string | string[]> = {}): StackValues {
  return {
    refs: {
      'AWS::Region': region,
      'AWS::StackName': 'lens',
      'AWS::AccountId': '123456789012',
      'AWS::Partition': 'aws',
      CognitoDomainPrefix: 'acme-lens',
      UserPool: `${region}_AbCdEf123`,
      AppClient: '4f8a2b1c9d0e',
      IdentityPool: `${region}:5e1c0a7b-3f2d-4c8e-9b6a-0d4f2e7c1a93`,
      Distribution: 'E2EXAMPLE',
      AppBucket: 'lens-appbucket-1',
      RelayCache: 'relay-cache-id',
      RelayRequests: 'relay-requests-id',
      AppHeaders: 'app-headers-id',
      EmbedHeaders: 'embed-headers-id',
      RelayHeaders: 'relay-headers-id',
      ...parameters,
    },
    attributes: {
      'Distribution.DomainName': 'd111111abcdef8.cloudfront.net',
      'AppBucket.Arn': 'arn:aws:s3:::lens-appbucket-1',
      'AppBucket.RegionalDomainName': `lens-appbucket-1.s3.${region}.amazonaws.com`,
      'AppOriginAccess.Id': 'E3OAC',
      'RelayRules.FunctionARN': 'arn:aws:cloudfront::123456789012:function/lens-relay-rules',
      'UserPool.ProviderName': `cognito-idp.${region}.amazonaws.com/${region}_AbCdEf123`,
      'ReaderRole.Arn': 'arn:aws:iam::123456789012:role/lens-ReaderRole',
    },
  }
}
