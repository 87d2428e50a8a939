// One table of relay cases: what is sent to a relay (method, path, scope, target, headers, sizes, timing), and the one
// answer every relay must give: the dev relay (scripts/vite-relay.ts), nginx (deploy/nginx) and CloudFront (the
// template's distribution and function, deploy/aws/edge.ts). deploy/relay-cases.test.ts runs each case against all
// three, with a hostile upstream behind them that records what reaches it. The relays serve config.json's default
// paths, with Cognito Identity in us-east-2 (the identity pool's region).
import { LIGHTSAIL_TARGETS } from '../app/lib/lightsail-operations.ts'
import { COGNITO_TARGETS, RELAY_RULES } from '../app/lib/relay-rules.ts'

export type RelayName = 'dev' | 'nginx' | 'cloudfront'

export interface CaseRequest {
  method?: string
  /** After the relay's prefix (`/aws/lightsail/`), as sent: `us-east-2/`. */
  path?: string
  service?: 'lightsail' | 'cognito-identity'
  /** The Authorization header: by default a SigV4 one scoped to the path's region and the service (Lightsail only). */
  authorization?: string | null
  /** X-Amz-Target: by default the first of the app's own operations for the service. */
  target?: string | null
  /** More headers, in order; a name may repeat (a repeated Authorization or X-Amz-Target is sent as two lines). */
  headers?: [string, string][]
  /** The body: bytes sent with their length declared (default, 40 bytes); a declared length larger than what is sent; no
   * declared length (chunked); or one byte at a time with a pause between. */
  body?: { bytes: number } | { declared: number; sent: number } | { chunked: number } | { trickle: { declared: number; everyMs: number } }
}

export interface CaseUpstream {
  /** Headers the hostile upstream answers with (besides content-type and x-amzn-requestid). */
  headers?: Record<string, string>
  contentType?: string
}

export interface CaseAnswer {
  /** The status the relay answers; undefined: no answer at all, the connection closed. */
  status?: number
  /** `__type` of the relay's JSON error. */
  type?: string
  /** What reaches the upstream: nothing, or one request with these properties. */
  upstream: 'nothing' | { target?: string; headers?: string[]; bodyBytes?: number }
  /** Response headers: a value, or null for absent. */
  responseHeaders?: Record<string, string | null>
}

export interface RelayCase {
  name: string
  request: CaseRequest
  upstream?: CaseUpstream
  expect: CaseAnswer
  /** Relays the case cannot be put to, and why (never a relay that answers differently: that is a failure). */
  notFor?: Partial<Record<RelayName, string>>
}

const [GET_SNAPSHOT] = LIGHTSAIL_TARGETS
const forwarded = (target = GET_SNAPSHOT): CaseAnswer => ({ status: 200, upstream: { target } })
const refused = (status: number, type: string): CaseAnswer => ({ status, type, upstream: 'nothing' })
const scoped = (region: string, service: string, rest = `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'a'.repeat(64)}`) =>
  `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY123456/20261127/${region}/${service}/aws4_request, ${rest}`

/** The headers the SDK sends, each one a relay forwards: what the upstream receives of a full request. */
export const SDK_HEADERS = ['authorization', 'content-type', 'user-agent', 'x-amz-date', 'x-amz-security-token', 'x-amz-target', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request']

export const RELAY_CASES: RelayCase[] = [
  // What the app sends.
  ...LIGHTSAIL_TARGETS.map((target): RelayCase => ({ name: `the app's ${target}`, request: { target }, expect: forwarded(target) })),
  ...COGNITO_TARGETS.map((target): RelayCase => ({ name: `Cognito Identity's ${target}, unsigned`, request: { service: 'cognito-identity', target }, expect: forwarded(target) })),
  {
    name: 'every header the SDK sends goes on, and only those',
    request: {
      headers: [
        ['x-amz-user-agent', 'aws-sdk-js/3'],
        ['amz-sdk-invocation-id', '0b1c2d3e'],
        ['amz-sdk-request', 'attempt=1; max=3'],
        ['cookie', 'portal-session=secret'],
        ['referer', 'https://portal.example.com/ops?user=alice'],
        ['origin', 'https://portal.example.com'],
        ['x-forwarded-for', '203.0.113.9'],
        ['x-amz-meta-extra', 'not the SDK'],
        ['x-custom', 'dropped'],
        ['proxy-authorization', 'Basic c2VjcmV0'],
      ],
    },
    expect: { status: 200, upstream: { headers: SDK_HEADERS } },
  },

  // Operations the app does not make.
  { name: 'another Lightsail operation (DeleteInstance)', request: { target: 'Lightsail_20161128.DeleteInstance' }, expect: refused(403, 'RelayForbidden') },
  { name: 'an operation of the app in other letters', request: { target: GET_SNAPSHOT!.toLowerCase() }, expect: refused(403, 'RelayForbidden') },
  { name: 'no X-Amz-Target', request: { target: null }, expect: refused(403, 'RelayForbidden') },
  { name: "a Cognito operation on the Lightsail relay", request: { target: COGNITO_TARGETS[0] }, expect: refused(403, 'RelayForbidden') },
  { name: 'another Cognito Identity operation (ListIdentityPools)', request: { service: 'cognito-identity', target: 'AWSCognitoIdentityService.ListIdentityPools' }, expect: refused(403, 'RelayForbidden') },
  { name: 'a Lightsail operation on the Cognito relay', request: { service: 'cognito-identity', target: GET_SNAPSHOT }, expect: refused(403, 'RelayForbidden') },

  // Signatures.
  { name: 'no Authorization', request: { authorization: null }, expect: refused(403, 'RelayForbidden') },
  { name: 'another kind of Authorization (Basic)', request: { authorization: 'Basic dXNlcjpwYXNz' }, expect: refused(403, 'RelayForbidden') },
  { name: 'a truncated SigV4 Authorization', request: { authorization: 'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY123456/20261127/us-east-2/lightsail/aws4_request' }, expect: refused(403, 'RelayForbidden') },
  { name: 'a signature scoped to another region', request: { authorization: scoped('eu-west-1', 'lightsail') }, expect: refused(403, 'RelayForbidden') },
  { name: 'a signature scoped to another service', request: { authorization: scoped('us-east-2', 's3') }, expect: refused(403, 'RelayForbidden') },
  {
    name: "another region's scope, and this region's inside SignedHeaders",
    request: { authorization: scoped('eu-west-1', 'lightsail', `SignedHeaders=host;x/us-east-2/lightsail/aws4_request, Signature=${'a'.repeat(64)}`) },
    expect: refused(403, 'RelayForbidden'),
  },
  {
    name: "an s3 scope, with this region's Lightsail scope inside the access key id",
    request: { authorization: `AWS4-HMAC-SHA256 Credential=AKIA/us-east-2/lightsail/aws4_request/20261127/us-east-2/s3/aws4_request, SignedHeaders=host, Signature=${'a'.repeat(64)}` },
    expect: refused(403, 'RelayForbidden'),
  },

  // Methods and paths.
  { name: 'a GET', request: { method: 'GET', body: { bytes: 0 } }, expect: refused(405, 'RelayMethodNotAllowed') },
  { name: 'a PUT', request: { method: 'PUT' }, expect: refused(405, 'RelayMethodNotAllowed') },
  { name: 'a region Lightsail does not answer in (sa-east-1)', request: { path: 'sa-east-1/', authorization: scoped('sa-east-1', 'lightsail') }, expect: refused(400, 'RelayBadRegion') },
  { name: 'a region without Lightsail (us-west-1)', request: { path: 'us-west-1/', authorization: scoped('us-west-1', 'lightsail') }, expect: refused(400, 'RelayBadRegion') },
  { name: 'Cognito Identity in another region than the pool', request: { service: 'cognito-identity', path: 'us-east-1/' }, expect: refused(400, 'RelayBadRegion') },
  ...['evil.example/', 'us-east-2/extra/', 'US-EAST-2/', 'us-east-2.evil.example/', 'us-east-2@evil.example/', ''].map(
    (path): RelayCase => ({ name: `the path <relay>/${path}`, request: { path }, expect: refused(400, 'RelayBadRegion') }),
  ),
  {
    name: 'a path that climbs out of the relay (..%2f)',
    request: { path: '..%2f..%2fetc/passwd' },
    expect: refused(400, 'RelayBadRegion'),
    notFor: { nginx: 'nginx decodes %2F and resolves the dots before it matches a location: the path is /etc/passwd, no relay at all (404)' },
  },

  // Sizes.
  { name: 'a body at the limit', request: { body: { bytes: RELAY_RULES.maxBodyBytes } }, expect: { status: 200, upstream: { bodyBytes: RELAY_RULES.maxBodyBytes } } },
  { name: 'a body declared one byte over the limit', request: { body: { bytes: RELAY_RULES.maxBodyBytes + 1 } }, expect: refused(413, 'RelayBodyTooLarge') },
  { name: 'a body declared at 1000 MiB, of which 1 KiB is sent: answered without the rest', request: { body: { declared: 1000 * 1024 * 1024, sent: 1024 } }, expect: refused(413, 'RelayBodyTooLarge') },
  { name: 'a body of no declared length (chunked)', request: { body: { chunked: 100 } }, expect: refused(413, 'RelayBodyTooLarge') },

  // Repeated and hop-by-hop headers.
  {
    name: 'two X-Amz-Target headers, the app\'s first: only the first goes on',
    request: { headers: [['x-amz-target', 'Lightsail_20161128.DeleteInstance']] },
    expect: { status: 200, upstream: { target: GET_SNAPSHOT } },
  },
  { name: "two X-Amz-Target headers, another operation first", request: { target: 'Lightsail_20161128.DeleteInstance', headers: [['x-amz-target', GET_SNAPSHOT!]] }, expect: refused(403, 'RelayForbidden') },
  { name: 'two Authorization headers', request: { headers: [['authorization', scoped('us-east-2', 'lightsail')]] }, expect: refused(400, 'RelayForbidden') },
  { name: 'Connection naming Authorization: the signature is hop-by-hop, gone before the check', request: { headers: [['connection', 'authorization']] }, expect: refused(403, 'RelayForbidden') },
  { name: 'Connection naming X-Amz-Target', request: { headers: [['connection', 'x-amz-target']] }, expect: refused(403, 'RelayForbidden') },

  // What comes back.
  {
    name: "a hostile upstream's cookies, redirects, CORS and storage wiping never reach the page",
    upstream: {
      headers: {
        'set-cookie': 'session=stolen; Path=/',
        'clear-site-data': '"*"',
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        location: 'https://evil.example/',
        refresh: '0; url=https://evil.example/',
        link: '<https://evil.example/x.js>; rel=preload',
        'content-disposition': 'attachment; filename=x.html',
        'www-authenticate': 'Basic realm="x"',
        'alt-svc': 'h3=":443"',
        'x-amzn-requestid': 'req-kept',
      },
    },
    request: {},
    expect: {
      status: 200,
      upstream: {},
      responseHeaders: {
        'set-cookie': null,
        'clear-site-data': null,
        'access-control-allow-origin': null,
        'access-control-allow-credentials': null,
        location: null,
        refresh: null,
        link: null,
        'content-disposition': null,
        'www-authenticate': null,
        'alt-svc': null,
        'x-amzn-requestid': 'req-kept',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    },
  },
  {
    name: 'an upstream answering text/html: never sniffed into a page on the app\'s origin',
    upstream: { contentType: 'text/html' },
    request: {},
    expect: { status: 200, upstream: {}, responseHeaders: { 'x-content-type-options': 'nosniff' } },
  },
  {
    name: 'a refusal is not sniffed or cached either',
    request: { target: 'Lightsail_20161128.DeleteInstance' },
    expect: { ...refused(403, 'RelayForbidden'), responseHeaders: { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } },
  },

  // Timing.
  {
    name: 'a body trickled a byte every two seconds: dropped unanswered, nothing sent on',
    request: { body: { trickle: { declared: 20, everyMs: 2000 } } },
    expect: { status: undefined, upstream: 'nothing' },
    notFor: { cloudfront: 'CloudFront receives the body at its edge, where no function runs (functions never see a body)' },
  },
]
