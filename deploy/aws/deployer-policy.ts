// What the person (or pipeline) running `npm run deploy:aws` must be allowed: the AWS CLI calls the script makes, and
// the calls CloudFormation makes with the deployer's own permissions to create, update and delete each resource of
// the template (no service role). `npm run cfn:template` writes it to deploy/aws/deployer-policy.json, for
// `aws iam create-policy` (docs/deploy.md). Tests hold it to the template's resource types and to every call the
// script is seen to make.

/** The actions each resource type of the template needs, from its create, read, update and delete handlers. */
export const RESOURCE_ACTIONS: Record<string, { service: string; actions: string[]; resource: (stack: string) => string }> = {
  'AWS::S3::Bucket': {
    service: 's3',
    actions: [
      'CreateBucket', 'DeleteBucket', 'ListBucket', 'GetBucketLocation', 'GetBucketTagging', 'PutBucketTagging',
      'PutBucketPublicAccessBlock', 'GetBucketPublicAccessBlock', 'PutBucketOwnershipControls', 'GetBucketOwnershipControls',
      'PutEncryptionConfiguration', 'GetEncryptionConfiguration', 'PutBucketVersioning', 'GetBucketVersioning',
      'PutLifecycleConfiguration', 'GetLifecycleConfiguration',
      // The read handler reads every configuration a bucket can have, set or not.
      'GetBucketAcl', 'GetBucketCORS', 'GetBucketLogging', 'GetBucketNotification', 'GetBucketWebsite', 'GetBucketObjectLockConfiguration',
      'GetAccelerateConfiguration', 'GetAnalyticsConfiguration', 'GetInventoryConfiguration', 'GetMetricsConfiguration',
      'GetIntelligentTieringConfiguration', 'GetReplicationConfiguration',
    ],
    resource: (stack) => `arn:aws:s3:::${stack.toLowerCase()}-appbucket-*`,
  },
  'AWS::S3::BucketPolicy': {
    service: 's3',
    actions: ['PutBucketPolicy', 'GetBucketPolicy', 'DeleteBucketPolicy'],
    resource: (stack) => `arn:aws:s3:::${stack.toLowerCase()}-appbucket-*`,
  },
  'AWS::CloudFront::OriginAccessControl': {
    service: 'cloudfront',
    actions: ['CreateOriginAccessControl', 'GetOriginAccessControl', 'UpdateOriginAccessControl', 'DeleteOriginAccessControl'],
    resource: () => '*',
  },
  'AWS::CloudFront::Function': {
    service: 'cloudfront',
    actions: ['CreateFunction', 'DescribeFunction', 'GetFunction', 'UpdateFunction', 'PublishFunction', 'DeleteFunction'],
    resource: () => '*',
  },
  'AWS::CloudFront::CachePolicy': {
    service: 'cloudfront',
    actions: ['CreateCachePolicy', 'GetCachePolicy', 'UpdateCachePolicy', 'DeleteCachePolicy'],
    resource: () => '*',
  },
  'AWS::CloudFront::OriginRequestPolicy': {
    service: 'cloudfront',
    actions: ['CreateOriginRequestPolicy', 'GetOriginRequestPolicy', 'UpdateOriginRequestPolicy', 'DeleteOriginRequestPolicy'],
    resource: () => '*',
  },
  'AWS::CloudFront::ResponseHeadersPolicy': {
    service: 'cloudfront',
    actions: ['CreateResponseHeadersPolicy', 'GetResponseHeadersPolicy', 'UpdateResponseHeadersPolicy', 'DeleteResponseHeadersPolicy'],
    resource: () => '*',
  },
  'AWS::CloudFront::Distribution': {
    service: 'cloudfront',
    actions: ['CreateDistribution', 'GetDistribution', 'GetDistributionConfig', 'UpdateDistribution', 'DeleteDistribution', 'TagResource', 'UntagResource', 'ListTagsForResource'],
    resource: () => '*',
  },
  'AWS::Cognito::UserPool': {
    service: 'cognito-idp',
    actions: ['CreateUserPool', 'DescribeUserPool', 'UpdateUserPool', 'DeleteUserPool', 'SetUserPoolMfaConfig', 'GetUserPoolMfaConfig', 'TagResource', 'ListTagsForResource'],
    resource: () => '*',
  },
  'AWS::Cognito::UserPoolDomain': {
    service: 'cognito-idp',
    actions: ['CreateUserPoolDomain', 'DescribeUserPoolDomain', 'UpdateUserPoolDomain', 'DeleteUserPoolDomain'],
    resource: () => '*',
  },
  'AWS::Cognito::UserPoolClient': {
    service: 'cognito-idp',
    actions: ['CreateUserPoolClient', 'DescribeUserPoolClient', 'UpdateUserPoolClient', 'DeleteUserPoolClient'],
    resource: () => '*',
  },
  'AWS::Cognito::IdentityPool': {
    service: 'cognito-identity',
    actions: ['CreateIdentityPool', 'DescribeIdentityPool', 'UpdateIdentityPool', 'DeleteIdentityPool', 'TagResource', 'ListTagsForResource'],
    resource: () => '*',
  },
  'AWS::Cognito::IdentityPoolRoleAttachment': {
    service: 'cognito-identity',
    actions: ['SetIdentityPoolRoles', 'GetIdentityPoolRoles'],
    resource: () => '*',
  },
  'AWS::IAM::Role': {
    service: 'iam',
    actions: ['CreateRole', 'GetRole', 'UpdateRole', 'UpdateRoleDescription', 'UpdateAssumeRolePolicy', 'DeleteRole', 'PutRolePolicy', 'GetRolePolicy', 'DeleteRolePolicy', 'ListRolePolicies', 'ListAttachedRolePolicies', 'TagRole', 'UntagRole'],
    resource: (stack) => `arn:aws:iam::*:role/${stack}-ReaderRole-*`,
  },
}

/** The calls the script itself makes (besides what CloudFormation makes for it). */
export const SCRIPT_ACTIONS: { service: string; actions: string[]; resource: (stack: string) => string; why: string }[] = [
  {
    service: 'cloudformation',
    actions: ['DescribeStacks', 'DescribeStackEvents', 'GetTemplateSummary', 'CreateChangeSet', 'DescribeChangeSet', 'ExecuteChangeSet', 'DeleteChangeSet', 'DeleteStack'],
    resource: (stack) => `arn:aws:cloudformation:*:*:stack/${stack}/*`,
    why: 'create, update, read and delete the stack',
  },
  { service: 's3', actions: ['ListBucket', 'ListBucketVersions', 'PutObject', 'DeleteObject', 'DeleteObjectVersion'], resource: (stack) => `arn:aws:s3:::${stack.toLowerCase()}-appbucket-*`, why: 'upload the build; empty every version before deleting' },
  { service: 'cloudfront', actions: ['CreateInvalidation'], resource: () => '*', why: 'invalidate index.html, config.json and embed.js' },
  { service: 'cognito-idp', actions: ['DescribeUserPoolDomain', 'AdminCreateUser'], resource: () => '*', why: 'check the sign-in domain is free; invite users' },
  { service: 'lightsail', actions: ['GetRegions'], resource: () => '*', why: 'the smoke test (optional: refused, it still proves the relay)' },
]

/** The S3 objects of the bucket, for the object-level actions. */
const objectActions = new Set(['PutObject', 'DeleteObject', 'DeleteObjectVersion'])

interface Statement {
  Sid: string
  Effect: 'Allow'
  Action: string[]
  Resource: string | string[]
  Condition?: Record<string, Record<string, string>>
}

/** The deployer's policy for a stack of this name (the bucket and role names start with it). */
export function deployerPolicy(stack = 'snapshot-lens'): { Version: string; Statement: Statement[] } {
  const byResource = new Map<string, Set<string>>()
  const add = (resource: string, actions: string[]) => {
    const set = byResource.get(resource) ?? new Set<string>()
    for (const action of actions) set.add(action)
    byResource.set(resource, set)
  }
  for (const { service, actions, resource } of [...Object.values(RESOURCE_ACTIONS), ...SCRIPT_ACTIONS]) {
    const bucketLevel = actions.filter((a) => !(service === 's3' && objectActions.has(a)))
    add(resource(stack), bucketLevel.map((a) => `${service}:${a}`))
    const objectLevel = actions.filter((a) => service === 's3' && objectActions.has(a))
    if (objectLevel.length > 0) add(`${resource(stack)}/*`, objectLevel.map((a) => `${service}:${a}`))
  }
  const sid = (resource: string) =>
    resource === '*' ? 'Everywhere' : resource.includes(':s3:::') ? (resource.endsWith('/*') ? 'AppBucketObjects' : 'AppBucket') : resource.includes(':iam:') ? 'ReaderRole' : 'Stack'
  const statements: Statement[] = [...byResource].map(([resource, actions]) => ({ Sid: sid(resource), Effect: 'Allow', Action: [...actions].sort(), Resource: resource }))
  // The identity pool gets the reader role (SetIdentityPoolRoles): the deployer hands it to Cognito Identity, and no
  // other role to anything else.
  statements.push({
    Sid: 'PassTheReaderRoleToCognito',
    Effect: 'Allow',
    Action: ['iam:PassRole'],
    Resource: RESOURCE_ACTIONS['AWS::IAM::Role']!.resource(stack),
    Condition: { StringEquals: { 'iam:PassedToService': 'cognito-identity.amazonaws.com' } },
  })
  return { Version: '2012-10-17', Statement: statements }
}

/** The IAM action a recorded call needs: most are the operation's name; S3's listings and batch delete are not. */
export function actionFor(service: string, operation: string): string[] {
  if (service === 's3') {
    if (operation === 'ListObjectsV2') return ['s3:ListBucket']
    if (operation === 'ListObjectVersions') return ['s3:ListBucketVersions']
    if (operation === 'DeleteObjects') return ['s3:DeleteObject', 's3:DeleteObjectVersion']
  }
  return [`${service}:${operation}`]
}
