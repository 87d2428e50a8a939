// Ways the AWS SDK's browser build (and TanStack Query's) carries bytes a page does not use, and the plugins that take
// them out.
//
// Schemas: the SDK keeps every Lightsail shape in one module (schemas/schemas_0.js). A bundler places a module whole in one
// chunk, so every shape any command of the app uses would ride in the first load, wherever the command itself is
// loaded: the inventory's, the context reads', the restore helpers'. This plugin gives each command that is not part of
// the first load its own copy of that module, which the bundler trims to the shapes that command reaches; the first
// load keeps only what its own commands need. Errors are unaffected: the client deserializes them through the
// registry of the first copy, which every copy registers into too (@smithy/core's TypeRegistry keeps the first).
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const COMMAND = /[\\/]@aws-sdk[\\/]client-lightsail[\\/]dist-es[\\/]commands[\\/](\w+)Command\.js$/
const SCHEMAS = /[\\/]@aws-sdk[\\/]client-lightsail[\\/]dist-es[\\/]schemas[\\/]schemas_0\.js$/
const MARK = '?schemas-for='

export function schemasPerCommand({ firstLoad }: { firstLoad: string[] }): Plugin {
  return {
    name: 'snapshot-lens-schemas-per-command',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer) return null
      // Imports inside a copy resolve as from the module itself.
      if (importer.includes(MARK)) return this.resolve(source, importer.slice(0, importer.indexOf(MARK)), { ...options, skipSelf: true })
      const command = COMMAND.exec(importer)?.[1]
      if (!command || firstLoad.includes(command) || !/schemas_0(\.js)?$/.test(source)) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      if (!resolved || !SCHEMAS.test(resolved.id)) return null
      return { ...resolved, id: `${resolved.id}${MARK}${command}` }
    },
    async load(id) {
      if (!id.includes(MARK)) return null
      return readFile(id.slice(0, id.indexOf(MARK)), 'utf8')
    },
  }
}

const SDK_PACKAGE = /[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/

/**
 * package.json: each SDK client imports its whole package.json (dependencies, scripts and all, about 1 KB gzip) for one
 * field, the version in its user agent. The build gets the version alone.
 */
export function sdkPackageVersionOnly(): Plugin {
  return {
    name: 'snapshot-lens-sdk-package-version-only',
    apply: 'build',
    enforce: 'pre',
    async load(id) {
      if (!SDK_PACKAGE.test(id)) return null
      const { version } = JSON.parse(await readFile(id, 'utf8')) as { version: string }
      return JSON.stringify({ version })
    },
  }
}

const S3_CUSTOMIZATIONS = /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]endpoints[\\/]middleware-endpoint[\\/]service-customizations[\\/]s3\.js$/

/**
 * S3's endpoint rules: the endpoint middleware of every client imports them, and calls them only when the client's
 * service is S3 (`serviceId === "s3"`), which no client of this app is. The build gets a module that says so.
 */
export function noS3EndpointRules(): Plugin {
  return standIn('snapshot-lens-no-s3-endpoint-rules', S3_CUSTOMIZATIONS, [
    "const notS3 = () => { throw new Error('S3 endpoint rules are not part of this build') }",
    'export const resolveParamsForS3 = notS3',
    'export const isArnBucketName = notS3',
    'export const isDnsCompatibleBucketName = notS3',
    'export const DOT_PATTERN = /\\./',
    'export const S3_HOSTNAME_PATTERN = /^$/',
  ])
}

/** A plugin that gives the build `code` in place of the module whose path matches `module`. */
function standIn(name: string, module: RegExp, code: string[]): Plugin {
  return { name, apply: 'build', enforce: 'pre', load: (id) => (module.test(id) ? code.join('\n') : null) }
}

const PARTITIONS = /[\\/]@aws-sdk[\\/]core[\\/]dist-es[\\/]submodules[\\/]client[\\/]util-endpoints[\\/]lib[\\/]aws[\\/]partitions\.js$/

/**
 * The endpoint rules' partition data: every AWS partition (China, GovCloud, the isolated ones), each region with its
 * description. Lightsail and Cognito Identity here are in the standard `aws` partition only; the build keeps that
 * partition's outputs, its region pattern and its region names.
 */
export function awsPartitionOnly(): Plugin {
  return {
    name: 'snapshot-lens-aws-partition-only',
    apply: 'build',
    enforce: 'pre',
    async load(id) {
      if (!PARTITIONS.test(id)) return null
      const source = await readFile(id, 'utf8')
      const json = source.replace(/^\s*export const partitionsInfo\s*=\s*/, '').replace(/;\s*$/, '')
      const info = JSON.parse(json) as { partitions: { id: string; regions: Record<string, unknown> }[] }
      const aws = info.partitions.find((p) => p.id === 'aws')
      if (!aws) throw new Error('the SDK names no aws partition: the partition plugin must be checked')
      const regions = Object.fromEntries(Object.keys(aws.regions).map((r) => [r, {}]))
      return `export const partitionsInfo = ${JSON.stringify({ ...info, partitions: [{ ...aws, regions }] })};`
    },
  }
}

const SHA256_WEBCRYPTO = /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]checksum[\\/]sha256[\\/]Sha256WebCrypto\.js$/

/**
 * The request signer's hasher: the SDK's uses WebCrypto and imports a JavaScript SHA-256 for pages without it, so that
 * code rides in every first load. The build gets app/aws/sha256.ts's in its place: the same hasher over WebCrypto, which
 * loads the SDK's JavaScript one (its own file, a chunk of its own) only on a page without WebCrypto.
 */
export function sha256JsWhenNeeded(): Plugin {
  const replacement = fileURLToPath(new URL('../app/aws/sha256.ts', import.meta.url))
  return {
    name: 'snapshot-lens-sha256-js-when-needed',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (!SHA256_WEBCRYPTO.test(id)) return null
      return [
        `import { sha256Over } from ${JSON.stringify(replacement)}`,
        'export const Sha256WebCrypto = sha256Over(globalThis.crypto?.subtle, () => import("./Sha256Js.js").then((m) => m.Sha256Js))',
      ].join('\n')
    },
  }
}

const INFINITE_QUERIES = /[\\/]@tanstack[\\/]query-core[\\/]build[\\/]modern[\\/]infiniteQueryBehavior\.js$/

/**
 * TanStack Query's paging of infinite queries: every query imports it, and calls it only for an infinite query
 * (`queryType === "infinite"`), which the app never makes (its lists page through a streamed query). The build gets a
 * module that says so; a test holds the app to it.
 */
export function noInfiniteQueries(): Plugin {
  return standIn('snapshot-lens-no-infinite-queries', INFINITE_QUERIES, [
    "const notInfinite = () => { throw new Error('infinite queries are not part of this build') }",
    'export const infiniteQueryBehavior = notInfinite',
    'export const hasNextPage = notInfinite',
    'export const hasPreviousPage = notInfinite',
  ])
}
