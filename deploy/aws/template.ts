// The AWS CloudFormation template for Snapshot Lens, generated (npm run cfn:template → deploy/aws/template.json) from
// the same sources as the dev relay and nginx: the Lightsail regions, the relay rules and the security headers.
//
// One stack in the region of the identity pool: a private S3 bucket behind CloudFront (origin access control); a
// relay behaviour for every Lightsail region and one for Cognito Identity, where a CloudFront Function applies the
// relay rules and rewrites the path to "/" (the app signs for the real regional host and path "/", and the origin
// receives its own host, so signatures stay valid); response headers policies with the same CSP and headers as nginx;
// a Cognito user pool with a public app client (code + PKCE, no secret) and a hosted sign-in domain; an identity pool
// without guests whose authenticated role may call the three Lightsail reads and nothing else.
import { LIGHTSAIL_REGIONS } from '../../app/lib/regions.ts'
import { COGNITO_RELAY, LIGHTSAIL_RELAY, REGION_SOURCE, RELAY_ERRORS, RELAY_RULES } from '../../app/lib/relay-rules.ts'
import { CACHING, securityHeaders } from '../headers.ts'
import { parseConfig } from '../../app/config/config.ts'
import { configFromOutputs } from './stack.ts'

/** AWS's managed CloudFront policies, by their fixed ids. */
export const MANAGED = {
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
}

/** The three reads Snapshot Lens makes. The signed-in role may do these, and nothing else. */
export const LIGHTSAIL_ACTIONS = ['lightsail:GetInstanceSnapshot', 'lightsail:GetInstanceSnapshots', 'lightsail:GetRegions']

const sub = (text: string) => ({ 'Fn::Sub': text })
const ref = (name: string) => ({ Ref: name })
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

/** The relay rules as a CloudFront Function (cloudfront-js-2.0), run on every relay request before it leaves. */
export function relayFunctionCode(): string {
  const targets = COGNITO_RELAY.admit.kind === 'targets' ? COGNITO_RELAY.admit.targets : []
  return `// Snapshot Lens relay rules (app/lib/relay-rules.ts): POST only, a region in the path, a SigV4 signature scoped to
// that region (Lightsail) or an allowed operation (Cognito Identity), a small body; then the path becomes "/".
var PATH = /^\\/aws\\/(lightsail|cognito-identity)\\/(${REGION_SOURCE})\\/?$/;
var SIGV4 = ${RELAY_RULES.sigv4Authorization.toString()};
var TARGETS = ${JSON.stringify(targets)};
var MAX_BODY = ${RELAY_RULES.maxBodyBytes};
var ERRORS = ${JSON.stringify(RELAY_ERRORS)};
function refuse(error, message) {
  return {
    statusCode: error.status,
    statusDescription: error.type,
    headers: { 'content-type': { value: 'application/x-amz-json-1.1' }, 'cache-control': { value: 'no-store' } },
    body: { encoding: 'text', data: JSON.stringify({ __type: error.type, message: message || error.message }) }
  };
}
function handler(event) {
  var request = event.request;
  var match = PATH.exec(request.uri);
  if (!match) return refuse(ERRORS.badRegion, 'The relay forwards POST <path>/<region>/ only');
  if (request.method !== 'POST') return refuse(ERRORS.method);
  var length = request.headers['content-length'];
  if (!length || !(Number(length.value) <= MAX_BODY)) return refuse(ERRORS.tooLarge);
  if (match[1] === 'lightsail') {
    var authorization = request.headers.authorization ? request.headers.authorization.value : '';
    if (!SIGV4.test(authorization)) return refuse(ERRORS.unsigned);
    if (authorization.indexOf('/' + match[2] + '/lightsail/aws4_request') < 0) return refuse(ERRORS.forbidden, 'The signature is not scoped to lightsail in ' + match[2]);
  } else {
    var target = request.headers['x-amz-target'] ? request.headers['x-amz-target'].value : '';
    if (TARGETS.indexOf(target) < 0) return refuse(ERRORS.forbidden, 'The relay forwards only these operations: ' + TARGETS.join(', '));
    if (match[2] !== REGION) return refuse(ERRORS.badRegion, 'Cognito Identity is relayed in ' + REGION + ' only');
  }
  request.uri = '/';
  request.querystring = {};
  return request;
}
`
}

/** Headers from an upstream that never reach the browser (a response headers policy removes up to ten). */
export const REMOVED_RELAY_HEADERS = ['Set-Cookie', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Expose-Headers', 'Location', 'Server', 'Refresh', 'Link', 'Alt-Svc', 'WWW-Authenticate']

function headersPolicy(name: string, cacheControl: string | undefined, removeUpstream: boolean) {
  const csp = (portals: boolean) => substitute(headersFor(portals)['Content-Security-Policy']!)
  const common = headersFor(false)
  const custom: { Header: string; Value: unknown; Override: boolean }[] = [
    { Header: 'Permissions-Policy', Value: common['Permissions-Policy'], Override: true },
    { Header: 'X-Robots-Tag', Value: common['X-Robots-Tag'], Override: true },
    ...(cacheControl ? [{ Header: 'Cache-Control', Value: cacheControl, Override: true }] : []),
  ]
  return {
    Type: 'AWS::CloudFront::ResponseHeadersPolicy',
    Properties: {
      ResponseHeadersPolicyConfig: {
        Name: sub(`\${AWS::StackName}-${name}`),
        Comment: `Snapshot Lens ${name}: the headers of deploy/headers.ts`,
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

export function buildTemplate(): Record<string, unknown> {
  const regions = Object.keys(LIGHTSAIL_REGIONS)
  const relayBehaviour = (pathPattern: unknown, originId: string) => ({
    PathPattern: pathPattern,
    TargetOriginId: originId,
    ViewerProtocolPolicy: 'https-only',
    AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    CachedMethods: ['GET', 'HEAD'],
    CachePolicyId: MANAGED.cachingDisabled,
    // Every viewer header but Host: the signing headers reach AWS, and the origin gets its own host.
    OriginRequestPolicyId: MANAGED.allViewerExceptHostHeader,
    ResponseHeadersPolicyId: ref('RelayHeaders'),
    Compress: false,
    FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': ['RelayRules', 'FunctionARN'] } }],
  })
  const awsOrigin = (id: string, domain: unknown) => ({
    Id: id,
    DomainName: domain,
    CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: RELAY_RULES.answerTimeoutMs / 1000, OriginKeepaliveTimeout: 5 },
    ConnectionTimeout: RELAY_RULES.connectTimeoutMs / 1000,
    ConnectionAttempts: 1,
  })

  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Snapshot Lens: the app on S3 and CloudFront, the Lightsail and Cognito Identity relays, a user pool and an identity pool whose role reads Lightsail snapshots only. Generated by npm run cfn:template.',
    Parameters: {
      CognitoDomainPrefix: {
        Type: 'String',
        Description: 'The hosted sign-in domain: https://<prefix>.auth.<region>.amazoncognito.com (globally unique).',
        AllowedPattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
      },
      PortalOrigins: {
        Type: 'CommaDelimitedList',
        Default: '',
        Description: 'Exact origins of portals that may embed Snapshot Lens (https://portal.example.com), comma-separated; empty for none.',
      },
      AllowedRegions: {
        Type: 'CommaDelimitedList',
        Default: '',
        Description: 'Lightsail regions the role may read (us-east-2,eu-west-1); empty for every region.',
      },
    },
    Conditions: {
      HasPortals: { 'Fn::Not': [{ 'Fn::Equals': [{ 'Fn::Join': ['', ref('PortalOrigins')] }, ''] }] },
      RestrictRegions: { 'Fn::Not': [{ 'Fn::Equals': [{ 'Fn::Join': ['', ref('AllowedRegions')] }, ''] }] },
    },
    Resources: {
      AppBucket: {
        Type: 'AWS::S3::Bucket',
        DeletionPolicy: 'Delete',
        UpdateReplacePolicy: 'Delete',
        Properties: {
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          VersioningConfiguration: { Status: 'Enabled' },
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
          FunctionCode: sub(relayFunctionCode().replace(/\$\{/g, '${!').replace(/\bREGION\b/g, "'${AWS::Region}'")),
        },
      },
      AppHeaders: headersPolicy('app', undefined, false),
      RelayHeaders: headersPolicy('relay', CACHING.relay, true),
      Distribution: {
        Type: 'AWS::CloudFront::Distribution',
        Properties: {
          DistributionConfig: {
            Comment: 'Snapshot Lens',
            Enabled: true,
            HttpVersion: 'http2and3',
            PriceClass: 'PriceClass_100',
            DefaultRootObject: 'index.html',
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
            DefaultCacheBehavior: {
              TargetOriginId: 'app',
              ViewerProtocolPolicy: 'redirect-to-https',
              AllowedMethods: ['GET', 'HEAD'],
              CachedMethods: ['GET', 'HEAD'],
              // Objects carry their own Cache-Control (the upload sets it): hashed assets for a year, the rest revalidated.
              CachePolicyId: MANAGED.cachingOptimized,
              ResponseHeadersPolicyId: ref('AppHeaders'),
              Compress: true,
            },
            CacheBehaviors: [
              ...regions.map((region) => relayBehaviour(`${LIGHTSAIL_RELAY.defaultPath}/${region}/*`, logical(region))),
              relayBehaviour(sub(`${COGNITO_RELAY.defaultPath}/\${AWS::Region}/*`), 'CognitoIdentity'),
            ],
            ViewerCertificate: { CloudFrontDefaultCertificate: true },
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
          CallbackURLs: [sub('https://${Distribution.DomainName}/')],
          LogoutURLs: [sub('https://${Distribution.DomainName}/?signed-out=1')],
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
          Description: 'Signed-in Snapshot Lens users: read Lightsail instance snapshots, nothing else.',
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
              PolicyName: 'read-instance-snapshots',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Sid: 'ReadInstanceSnapshots',
                    Effect: 'Allow',
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
      AppUrl: { Description: 'Snapshot Lens', Value: sub('https://${Distribution.DomainName}/') },
      Region: { Description: 'config.json cognito.region and defaultRegion', Value: ref('AWS::Region') },
      IdentityPoolId: { Description: 'config.json cognito.identityPoolId', Value: ref('IdentityPool') },
      Authority: { Description: 'config.json auth.authority', Value: sub(substitute(PLACEHOLDERS.authority)) },
      ClientId: { Description: 'config.json auth.clientId', Value: ref('AppClient') },
      LogoutUrl: {
        Description: 'config.json auth.logoutUrl',
        Value: sub('https://${CognitoDomainPrefix}.auth.${AWS::Region}.amazoncognito.com/logout?client_id=${AppClient}&logout_uri=https%3A%2F%2F${Distribution.DomainName}%2F%3Fsigned-out%3D1'),
      },
      PortalOrigins: { Description: 'config.json embed.allowedOrigins', Value: { 'Fn::Join': [',', ref('PortalOrigins')] } },
      AllowedRegions: { Description: 'config.json regions', Value: { 'Fn::Join': [',', ref('AllowedRegions')] } },
      Bucket: { Description: 'Where the build goes (scripts/deploy-aws.ts)', Value: ref('AppBucket') },
      DistributionId: { Description: 'Invalidated after each upload', Value: ref('Distribution') },
    },
  }
}

