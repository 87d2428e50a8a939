// The AWS CloudFormation template for Snapshot Lens, generated (npm run cfn:template → deploy/aws/template.json) from
// the same sources as the dev relay and nginx: the Lightsail regions, the relay rules, the app's operations and the
// security headers.
//
// One stack in the region of the identity pool: a private S3 bucket behind CloudFront (origin access control); a
// relay behaviour for every Lightsail region and one for Cognito Identity, where a CloudFront Function applies the
// relay rules and rewrites the path to "/" (the app signs for the real regional host and path "/", and the origin
// receives its own host, so signatures stay valid), and a catch-all behaviour per relay where the same function refuses
// every other path; response headers policies with the same CSP and headers as nginx; a Cognito user pool with a public
// app client (code + PKCE, no secret) and a hosted sign-in domain; an identity pool without guests whose
// authenticated role may call the app's own Lightsail reads and nothing else.
import { LIGHTSAIL_ACTIONS } from '../../app/lib/lightsail-operations.ts'
import { LIGHTSAIL_REGIONS } from '../../app/lib/regions.ts'
import {
  BAD_REGION_MESSAGE,
  COGNITO_RELAY,
  LIGHTSAIL_RELAY,
  RELAY_ERRORS,
  RELAY_RULES,
  scopeMessage,
  SIGV4_SOURCE,
  TARGETS_MESSAGE,
} from '../../app/lib/relay-rules.ts'
import { CACHING, EMBED_SCRIPT_HEADERS, securityHeaders } from '../headers.ts'
import { parseConfig } from '../../app/config/config.ts'
import { configFromOutputs } from './stack.ts'

/** AWS's managed CloudFront policies, by their fixed ids. */
export const MANAGED = {
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
}

/** `aws cloudformation deploy` sends the template in the request (TemplateBody) up to this size, and refuses more. */
export const TEMPLATE_BODY_LIMIT = 51_200

/** Names built from the stack's name, and the longest each resource type takes (botocore: FunctionName, OAC Name). */
export const NAME_LIMITS: Record<string, number> = {
  'AWS::CloudFront::Function': 64,
  'AWS::CloudFront::OriginAccessControl': 64,
  'AWS::CloudFront::ResponseHeadersPolicy': 128,
  'AWS::CloudFront::CachePolicy': 128,
  'AWS::CloudFront::OriginRequestPolicy': 128,
  'AWS::Cognito::UserPool': 128,
  'AWS::Cognito::IdentityPool': 128,
}

/** A stack name CloudFormation accepts (letters, digits, hyphens; a letter first). */
export const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/

/**
 * Cognito's rule for a hosted domain prefix: lower-case letters, digits and inner hyphens, up to 63, and none of the
 * words it reserves (`aws`, `amazon`, `cognito`), which it refuses only once the stack is half made.
 */
export const DOMAIN_PREFIX_PATTERN = '^(?!.*(?:aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'

const sub = (text: string) => ({ 'Fn::Sub': text })
const ref = (name: string) => ({ Ref: name })
const ifDomain = (yes: unknown, no: unknown) => ({ 'Fn::If': ['HasDomain', yes, no] })
const logical = (region: string) => `Lightsail${region.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase())}`

/**
 * Stand-ins (valid URLs) for the stack's values, in a config shaped like the one its outputs make; the headers built
 * from it get the Fn::Sub variables back in their place.
 */
export const PLACEHOLDERS = {
  authority: 'https://cognito-idp.xregionx.amazonaws.com/xuserpoolx',
  logoutUrl: 'https://xdomainx.auth.xregionx.amazoncognito.com/logout',
  portals: 'https://xportalsx.invalid',
}
const SUBSTITUTIONS: [string, string][] = [
  [PLACEHOLDERS.portals, '${Portals}'],
  ['xregionx', '${AWS::Region}'],
  ['xuserpoolx', '${UserPool}'],
  ['xdomainx', '${CognitoDomainPrefix}'],
]
const substitute = (text: string) => SUBSTITUTIONS.reduce((t, [from, to]) => t.split(from).join(to), text)

/**
 * The CSP and headers, built by deploy/headers.ts from the config the stack's outputs write (deploy/aws/stack.ts), with
 * stand-ins for the stack's values.
 */
function headersFor(portals: boolean): Record<string, string> {
  const config = configFromOutputs({
    Region: 'us-east-2',
    IdentityPoolId: 'us-east-2:00000000-0000-4000-8000-000000000000',
    Authority: PLACEHOLDERS.authority,
    ClientId: 'x',
    LogoutUrl: PLACEHOLDERS.logoutUrl,
    AppUrl: 'https://app.invalid/',
    Bucket: 'x',
    DistributionId: 'x',
    PortalOrigins: portals ? PLACEHOLDERS.portals : '',
  })
  return securityHeaders(parseConfig(config))
}

/** Stands for the stack's region in the function's code, until Fn::Sub puts it there. */
const STACK_REGION = '__STACK_REGION__'

/**
 * The relay rules as a CloudFront Function (cloudfront-js-2.0), run on every request to a relay path before it leaves,
 * in the order of RELAY_CHECKS. It cannot see the body or `Connection` (CloudFront keeps both from functions); it
 * sees a repeated header as `multiValue`, and forwards only the first value of each (the one it checked).
 */
export function relayFunctionCode(stackRegion = STACK_REGION): string {
  const relay = (service: typeof LIGHTSAIL_RELAY, regions: readonly string[]) => ({
    name: service.name,
    signed: service.signed,
    regions,
    targets: service.targets,
    ...(service.signed ? { scope: scopeMessage(service) } : {}),
  })
  // Keyed by the relay's path: the stack writes config.json with the default paths.
  const relays = {
    [LIGHTSAIL_RELAY.defaultPath]: relay(LIGHTSAIL_RELAY, Object.keys(LIGHTSAIL_REGIONS)),
    [COGNITO_RELAY.defaultPath]: relay(COGNITO_RELAY, [stackRegion]),
  }
  const escape = (path: string) => path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  return `// Snapshot Lens relay rules (app/lib/relay-rules.ts, in the order of RELAY_CHECKS); then the path becomes "/".
var PATH = /^(${Object.keys(relays).map(escape).join('|')})\\/([^\\/]*)\\/?$/;
var RELAYS = ${JSON.stringify(relays)};
var SIGV4 = new RegExp(${JSON.stringify(SIGV4_SOURCE)});
var SINGLE = ${JSON.stringify(RELAY_RULES.singleHeaders)};
var FORWARDED = ${JSON.stringify(RELAY_RULES.requestHeaders)};
var MAX_BODY = ${RELAY_RULES.maxBodyBytes};
var ERRORS = ${JSON.stringify(RELAY_ERRORS)};
function refuse(error, message) {
  return {
    statusCode: error.status,
    statusDescription: error.type,
    headers: { 'content-type': { value: 'application/x-amz-json-1.1' }, 'cache-control': { value: 'no-store' }, 'x-content-type-options': { value: 'nosniff' } },
    body: { encoding: 'text', data: JSON.stringify({ __type: error.type, message: message || error.message }) }
  };
}
function first(headers, name) {
  return headers[name] ? headers[name].value : undefined;
}
function handler(event) {
  var request = event.request;
  var headers = request.headers;
  for (var i = 0; i < SINGLE.length; i++) {
    if (headers[SINGLE[i]] && headers[SINGLE[i]].multiValue && headers[SINGLE[i]].multiValue.length > 1) return refuse(ERRORS.ambiguous);
  }
  var match = PATH.exec(request.uri);
  var relay = match ? RELAYS[match[1]] : undefined;
  if (!relay || relay.regions.indexOf(match[2]) < 0) return refuse(ERRORS.badRegion, ${JSON.stringify(BAD_REGION_MESSAGE)});
  var length = first(headers, 'content-length');
  if (length !== undefined && !(Number(length) <= MAX_BODY)) return refuse(ERRORS.tooLarge);
  if (request.method !== ${JSON.stringify(RELAY_RULES.method)}) return refuse(ERRORS.method);
  if (length === undefined) return refuse(ERRORS.tooLarge);
  if (relay.signed) {
    var signature = SIGV4.exec(first(headers, 'authorization') || '');
    if (!signature) return refuse(ERRORS.unsigned);
    if (signature[3] !== match[2] || signature[4] !== relay.name) return refuse(ERRORS.forbidden, relay.scope);
  }
  if (relay.targets.indexOf(first(headers, 'x-amz-target') || '') < 0) return refuse(ERRORS.forbidden, ${JSON.stringify(TARGETS_MESSAGE)} + relay.targets.join(', '));
  for (var j = 0; j < FORWARDED.length; j++) {
    if (headers[FORWARDED[j]] && headers[FORWARDED[j]].multiValue) headers[FORWARDED[j]] = { value: headers[FORWARDED[j]].value };
  }
  request.uri = '/';
  request.querystring = {};
  return request;
}
`.replace(JSON.stringify(STACK_REGION), "'" + stackRegion + "'")
}

/**
 * Headers from an upstream that never reach the browser: a response headers policy removes ten at most, so these are
 * the ten that could do harm on the app's origin (cookies, storage wiping, redirects, CORS, downloads, auth prompts).
 */
export const REMOVED_RELAY_HEADERS = [
  'Set-Cookie',
  'Clear-Site-Data',
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Location',
  'Refresh',
  'Link',
  'Content-Disposition',
  'WWW-Authenticate',
  'Alt-Svc',
]

function headersPolicy(name: string, extra: Record<string, string>, removeUpstream: boolean) {
  const csp = (portals: boolean) => substitute(headersFor(portals)['Content-Security-Policy']!)
  const common = headersFor(false)
  const custom = Object.entries({ 'Permissions-Policy': common['Permissions-Policy']!, 'X-Robots-Tag': common['X-Robots-Tag']!, ...extra }).map(
    ([Header, Value]) => ({ Header, Value, Override: true }),
  )
  return {
    Type: 'AWS::CloudFront::ResponseHeadersPolicy',
    Properties: {
      ResponseHeadersPolicyConfig: {
        Name: sub(`\${AWS::StackName}-${name}`),
        SecurityHeadersConfig: {
          ContentSecurityPolicy: {
            ContentSecurityPolicy: {
              'Fn::If': ['HasPortals', { 'Fn::Sub': [csp(true), { Portals: { 'Fn::Join': [' ', ref('PortalOrigins')] } }] }, sub(csp(false))],
            },
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: false, Override: true },
          FrameOptions: { 'Fn::If': ['HasPortals', ref('AWS::NoValue'), { FrameOption: 'DENY', Override: true }] },
        },
        CustomHeadersConfig: { Items: custom },
        ...(removeUpstream ? { RemoveHeadersConfig: { Items: REMOVED_RELAY_HEADERS.map((Header) => ({ Header })) } } : {}),
      },
    },
  }
}

/** The request headers CloudFront forwards to a relay's origin: Authorization through the cache policy (CloudFront
 * allows it nowhere else), the others through the origin request policy. Nothing else: no cookie, no Referer. */
export const RELAY_CACHE_KEY_HEADERS = ['authorization']
export const RELAY_ORIGIN_HEADERS = RELAY_RULES.requestHeaders.filter((name) => !RELAY_CACHE_KEY_HEADERS.includes(name))

export function buildTemplate(): Record<string, unknown> {
  const regions = Object.keys(LIGHTSAIL_REGIONS)
  const relayBehaviour = (pathPattern: unknown, originId: string) => ({
    PathPattern: pathPattern,
    TargetOriginId: originId,
    ViewerProtocolPolicy: 'https-only',
    AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    CachePolicyId: ref('RelayCache'),
    OriginRequestPolicyId: ref('RelayRequests'),
    ResponseHeadersPolicyId: ref('RelayHeaders'),
    Compress: false,
    FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': ['RelayRules', 'FunctionARN'] } }],
  })
  const appBehaviour = (headersPolicy: string) => ({
    TargetOriginId: 'app',
    ViewerProtocolPolicy: 'redirect-to-https',
    // Objects carry their own Cache-Control (the upload sets it): hashed assets for a year, the rest revalidated.
    CachePolicyId: MANAGED.cachingOptimized,
    ResponseHeadersPolicyId: ref(headersPolicy),
    Compress: true,
  })
  const awsOrigin = (id: string, domain: unknown) => ({
    Id: id,
    DomainName: domain,
    CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: RELAY_RULES.answerTimeoutMs / 1000 },
    ConnectionTimeout: RELAY_RULES.connectTimeoutMs / 1000,
    ConnectionAttempts: 1,
  })
  const appUrl = ifDomain(sub('https://${AppDomain}/'), sub('https://${Distribution.DomainName}/'))
  const signedOut = (host: string) => sub(`https://\${${host}}/?signed-out=1`)

  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Snapshot Lens: the app on S3 and CloudFront, the Lightsail and Cognito Identity relays, a user pool and an identity pool whose role reads Lightsail only. Generated by npm run cfn:template.',
    Parameters: {
      CognitoDomainPrefix: {
        Type: 'String',
        Description: 'The hosted sign-in domain: https://<prefix>.auth.<region>.amazoncognito.com (globally unique; no aws, amazon or cognito).',
        AllowedPattern: DOMAIN_PREFIX_PATTERN,
      },
      PortalOrigins: { Type: 'CommaDelimitedList', Default: '', Description: 'Exact origins of portals that may embed the app; empty for none.' },
      AllowedRegions: { Type: 'CommaDelimitedList', Default: '', Description: 'Lightsail regions the role may read; empty for every region.' },
      AppDomain: { Type: 'String', Default: '', Description: 'Your own host name for the app (lens.example.com); empty for the CloudFront one only.' },
      CertificateArn: { Type: 'String', Default: '', Description: 'With AppDomain: an ACM certificate for it, in us-east-1.' },
    },
    Rules: {
      DomainHasCertificate: {
        RuleCondition: { 'Fn::Not': [{ 'Fn::Equals': [ref('AppDomain'), ''] }] },
        Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Equals': [ref('CertificateArn'), ''] }] }, AssertDescription: 'AppDomain needs CertificateArn (ACM, us-east-1).' }],
      },
    },
    Conditions: {
      HasPortals: { 'Fn::Not': [{ 'Fn::Equals': [{ 'Fn::Join': ['', ref('PortalOrigins')] }, ''] }] },
      RestrictRegions: { 'Fn::Not': [{ 'Fn::Equals': [{ 'Fn::Join': ['', ref('AllowedRegions')] }, ''] }] },
      // Both, though the rule above already holds them together: a certificate without a domain is ignored.
      HasDomain: { 'Fn::And': [{ 'Fn::Not': [{ 'Fn::Equals': [ref('AppDomain'), ''] }] }, { 'Fn::Not': [{ 'Fn::Equals': [ref('CertificateArn'), ''] }] }] },
    },
    Resources: {
      AppBucket: {
        Type: 'AWS::S3::Bucket',
        // Deleted with the stack once empty: `npm run deploy:aws -- --delete` removes every version first.
        DeletionPolicy: 'Delete',
        UpdateReplacePolicy: 'Delete',
        Properties: {
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          VersioningConfiguration: { Status: 'Enabled' },
          // Earlier builds stay recoverable for a month, then go.
          LifecycleConfiguration: {
            Rules: [{ Id: 'old-builds', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
          },
        },
      },
      AppBucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: ref('AppBucket'),
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'CloudFrontReadsTheApp',
                Effect: 'Allow',
                Principal: { Service: 'cloudfront.amazonaws.com' },
                Action: 's3:GetObject',
                Resource: sub('${AppBucket.Arn}/*'),
                Condition: { StringEquals: { 'AWS:SourceArn': sub('arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}') } },
              },
              {
                Sid: 'TLSOnly',
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [{ 'Fn::GetAtt': ['AppBucket', 'Arn'] }, sub('${AppBucket.Arn}/*')],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
      AppOriginAccess: {
        Type: 'AWS::CloudFront::OriginAccessControl',
        Properties: {
          OriginAccessControlConfig: { Name: sub('${AWS::StackName}-app'), OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
        },
      },
      RelayRules: {
        Type: 'AWS::CloudFront::Function',
        Properties: {
          Name: sub('${AWS::StackName}-relay-rules'),
          AutoPublish: true,
          FunctionConfig: { Comment: 'Snapshot Lens relay rules', Runtime: 'cloudfront-js-2.0' },
          FunctionCode: sub(relayFunctionCode().replace(/\$\{/g, '${!').replace(`'${STACK_REGION}'`, "'${AWS::Region}'")),
        },
      },
      // Nothing is cached on the relays (POST answers never are, and the default TTL is 0); the cache policy exists to
      // forward Authorization, which CloudFront forwards only as part of a cache key.
      RelayCache: {
        Type: 'AWS::CloudFront::CachePolicy',
        Properties: {
          CachePolicyConfig: {
            Name: sub('${AWS::StackName}-relay'),
            MinTTL: 0,
            DefaultTTL: 0,
            MaxTTL: 1,
            ParametersInCacheKeyAndForwardedToOrigin: {
              EnableAcceptEncodingGzip: false,
              HeadersConfig: { HeaderBehavior: 'whitelist', Headers: RELAY_CACHE_KEY_HEADERS },
              CookiesConfig: { CookieBehavior: 'none' },
              QueryStringsConfig: { QueryStringBehavior: 'none' },
            },
          },
        },
      },
      RelayRequests: {
        Type: 'AWS::CloudFront::OriginRequestPolicy',
        Properties: {
          OriginRequestPolicyConfig: {
            Name: sub('${AWS::StackName}-relay'),
            HeadersConfig: { HeaderBehavior: 'whitelist', Headers: RELAY_ORIGIN_HEADERS },
            CookiesConfig: { CookieBehavior: 'none' },
            QueryStringsConfig: { QueryStringBehavior: 'none' },
          },
        },
      },
      AppHeaders: headersPolicy('app', {}, false),
      EmbedHeaders: headersPolicy('embed', EMBED_SCRIPT_HEADERS, false),
      RelayHeaders: headersPolicy('relay', { 'Cache-Control': CACHING.relay }, true),
      Distribution: {
        Type: 'AWS::CloudFront::Distribution',
        Properties: {
          DistributionConfig: {
            Comment: 'Snapshot Lens',
            Enabled: true,
            HttpVersion: 'http2and3',
            PriceClass: 'PriceClass_100',
            DefaultRootObject: 'index.html',
            Aliases: ifDomain([ref('AppDomain')], ref('AWS::NoValue')),
            Origins: [
              {
                Id: 'app',
                DomainName: { 'Fn::GetAtt': ['AppBucket', 'RegionalDomainName'] },
                OriginAccessControlId: { 'Fn::GetAtt': ['AppOriginAccess', 'Id'] },
                S3OriginConfig: { OriginAccessIdentity: '' },
              },
              ...regions.map((region) => awsOrigin(logical(region), LIGHTSAIL_RELAY.host(region))),
              awsOrigin('CognitoIdentity', sub(COGNITO_RELAY.host('${AWS::Region}'))),
            ],
            DefaultCacheBehavior: appBehaviour('AppHeaders'),
            CacheBehaviors: [
              { PathPattern: 'embed.js', ...appBehaviour('EmbedHeaders') },
              ...regions.map((region) => relayBehaviour(`${LIGHTSAIL_RELAY.defaultPath}/${region}/*`, logical(region))),
              relayBehaviour(sub(`${COGNITO_RELAY.defaultPath}/\${AWS::Region}/*`), 'CognitoIdentity'),
              // Every other path of a relay meets the same function, which refuses it (a region it does not serve).
              relayBehaviour(`${LIGHTSAIL_RELAY.defaultPath}/*`, 'app'),
              relayBehaviour(`${COGNITO_RELAY.defaultPath}/*`, 'app'),
            ],
            ViewerCertificate: ifDomain(
              { AcmCertificateArn: ref('CertificateArn'), SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
              { CloudFrontDefaultCertificate: true },
            ),
          },
        },
      },
      UserPool: {
        Type: 'AWS::Cognito::UserPool',
        Properties: {
          UserPoolName: sub('${AWS::StackName}-users'),
          // Teammates are invited by an administrator; nobody signs themselves up to an internal dashboard.
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          UsernameAttributes: ['email'],
          AutoVerifiedAttributes: ['email'],
          Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: false } },
          MfaConfiguration: 'OPTIONAL',
          EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
          AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        },
      },
      UserPoolDomain: {
        Type: 'AWS::Cognito::UserPoolDomain',
        Properties: { Domain: ref('CognitoDomainPrefix'), UserPoolId: ref('UserPool') },
      },
      AppClient: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          ClientName: 'snapshot-lens',
          UserPoolId: ref('UserPool'),
          // A public client: the browser holds no secret; the code flow is protected by PKCE.
          GenerateSecret: false,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['code'],
          AllowedOAuthScopes: ['openid', 'email', 'profile'],
          SupportedIdentityProviders: ['COGNITO'],
          // The CloudFront domain always; your own as well when AppDomain is set.
          CallbackURLs: [sub('https://${Distribution.DomainName}/'), ifDomain(sub('https://${AppDomain}/'), ref('AWS::NoValue'))],
          LogoutURLs: [signedOut('Distribution.DomainName'), ifDomain(signedOut('AppDomain'), ref('AWS::NoValue'))],
          ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
          EnableTokenRevocation: true,
          PreventUserExistenceErrors: 'ENABLED',
          IdTokenValidity: 60,
          AccessTokenValidity: 60,
          RefreshTokenValidity: 12,
          TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'hours' },
        },
      },
      IdentityPool: {
        Type: 'AWS::Cognito::IdentityPool',
        Properties: {
          IdentityPoolName: sub('${AWS::StackName}_identities'),
          // No guests: a link must not show infrastructure to whoever holds it.
          AllowUnauthenticatedIdentities: false,
          AllowClassicFlow: false,
          CognitoIdentityProviders: [
            { ClientId: ref('AppClient'), ProviderName: { 'Fn::GetAtt': ['UserPool', 'ProviderName'] }, ServerSideTokenCheck: true },
          ],
        },
      },
      ReaderRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Description: 'Signed-in Snapshot Lens users: the Lightsail reads the app makes, nothing else.',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Federated: 'cognito-identity.amazonaws.com' },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                  StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('IdentityPool') },
                  'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
                },
              },
            ],
          },
          Policies: [
            {
              PolicyName: 'read-lightsail',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Sid: 'SnapshotLensReads',
                    Effect: 'Allow',
                    // app/lib/lightsail-operations.ts: the operations the app calls, each a read.
                    Action: LIGHTSAIL_ACTIONS,
                    // Lightsail's reads take no resource-level permissions: "*", narrowed by region when asked.
                    Resource: '*',
                    Condition: { 'Fn::If': ['RestrictRegions', { StringEquals: { 'aws:RequestedRegion': ref('AllowedRegions') } }, ref('AWS::NoValue')] },
                  },
                ],
              },
            },
          ],
        },
      },
      IdentityPoolRoles: {
        Type: 'AWS::Cognito::IdentityPoolRoleAttachment',
        Properties: { IdentityPoolId: ref('IdentityPool'), Roles: { authenticated: { 'Fn::GetAtt': ['ReaderRole', 'Arn'] } } },
      },
    },
    Outputs: {
      AppUrl: { Description: 'Snapshot Lens', Value: appUrl },
      Region: { Description: 'config.json cognito.region and defaultRegion', Value: ref('AWS::Region') },
      IdentityPoolId: { Description: 'config.json cognito.identityPoolId', Value: ref('IdentityPool') },
      Authority: { Description: 'config.json auth.authority', Value: sub(substitute(PLACEHOLDERS.authority)) },
      ClientId: { Description: 'config.json auth.clientId', Value: ref('AppClient') },
      UserPoolId: { Description: 'For inviting users (aws cognito-idp admin-create-user)', Value: ref('UserPool') },
      LogoutUrl: {
        Description: 'config.json auth.logoutUrl',
        Value: {
          'Fn::Sub': [
            'https://${CognitoDomainPrefix}.auth.${AWS::Region}.amazoncognito.com/logout?client_id=${AppClient}&logout_uri=https%3A%2F%2F${Host}%2F%3Fsigned-out%3D1',
            { Host: ifDomain(ref('AppDomain'), { 'Fn::GetAtt': ['Distribution', 'DomainName'] }) },
          ],
        },
      },
      PortalOrigins: { Description: 'config.json embed.allowedOrigins', Value: { 'Fn::Join': [',', ref('PortalOrigins')] } },
      AllowedRegions: { Description: 'config.json regions', Value: { 'Fn::Join': [',', ref('AllowedRegions')] } },
      Bucket: { Description: 'Where the build goes (scripts/deploy-aws.ts)', Value: ref('AppBucket') },
      DistributionId: { Description: 'Invalidated after each upload', Value: ref('Distribution') },
    },
  }
}

/**
 * The template as written to deploy/aws/template.json: compact (the AWS CLI sends up to 51,200 bytes in the request),
 * one parameter, condition, resource and output a line, so a change shows as the lines it touches.
 */
export function formatTemplate(template: Record<string, unknown>): string {
  const lines = Object.entries(template).map(([key, value]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${JSON.stringify(key)}:${JSON.stringify(value)}`
    const entries = Object.entries(value).map(([name, item]) => `${JSON.stringify(name)}:${JSON.stringify(item)}`)
    return `${JSON.stringify(key)}:{\n${entries.join(',\n')}\n}`
  })
  return `{\n${lines.join(',\n')}\n}\n`
}

/** The longest stack name for which every name the template builds from it stays within its resource's limit. */
export function maxStackNameLength(template: Record<string, unknown> = buildTemplate()): number {
  const limits: number[] = [128]
  const visit = (type: string, value: unknown) => {
    if (value === null || typeof value !== 'object') return
    for (const [key, item] of Object.entries(value)) {
      const text = key === 'Fn::Sub' && typeof item === 'string' ? item : undefined
      if (text?.startsWith('${AWS::StackName}') && NAME_LIMITS[type] !== undefined) limits.push(NAME_LIMITS[type]! - (text.length - '${AWS::StackName}'.length))
      else visit(type, item)
    }
  }
  for (const resource of Object.values(template.Resources as Record<string, { Type: string; Properties: unknown }>)) visit(resource.Type, resource.Properties)
  return Math.min(...limits)
}
