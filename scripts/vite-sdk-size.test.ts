// The build's trims of the AWS SDK and TanStack Query, checked against their own files: each keeps what the app calls,
// so a new release that moves things fails here rather than in a browser.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { awsPartitionOnly, noInfiniteQueries, noS3EndpointRules, sdkPackageVersionOnly, sha256JsWhenNeeded } from './vite-sdk-size.ts'

const require = createRequire(import.meta.url)
const coreDir = dirname(require.resolve('@aws-sdk/core/package.json'))
const smithyDir = dirname(require.resolve('@smithy/core/package.json'))
const load = async (plugin: { load?: unknown }, id: string) => (plugin.load as (id: string) => Promise<string | null> | string | null).call({}, id)
const exportsOf = (code: string) => [...code.matchAll(/export (?:const|function|async function|class) (\w+)/g)].map((m) => m[1]).sort()

describe('the SDK trims', () => {
  it("keep the aws partition whole (its outputs, region pattern and every region) and nothing of the others", async () => {
    const id = join(coreDir, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js')
    const original = JSON.parse(readFileSync(id, 'utf8').replace(/^\s*export const partitionsInfo\s*=\s*/, '').replace(/;\s*$/, ''))
    const trimmed = await load(awsPartitionOnly(), id)
    const kept = JSON.parse(trimmed!.replace(/^export const partitionsInfo = /, '').replace(/;$/, ''))
    const aws = original.partitions.find((p: { id: string }) => p.id === 'aws')
    expect(kept.partitions).toHaveLength(1)
    expect(kept.partitions[0].outputs).toEqual(aws.outputs)
    expect(kept.partitions[0].regionRegex).toBe(aws.regionRegex)
    expect(Object.keys(kept.partitions[0].regions)).toEqual(Object.keys(aws.regions))
    expect(Object.keys(kept.partitions[0].regions)).toEqual(expect.arrayContaining(['us-east-2', 'eu-west-1', 'ap-southeast-5']))
    expect(trimmed!.length).toBeLessThan(readFileSync(id, 'utf8').length / 3)
    expect(await load(awsPartitionOnly(), '/elsewhere/partitions.js')).toBeNull()
  })

  it('give S3 endpoint rules a stand-in with every name the real module exports', async () => {
    const id = join(smithyDir, 'dist-es/submodules/endpoints/middleware-endpoint/service-customizations/s3.js')
    const stub = await load(noS3EndpointRules(), id)
    expect(exportsOf(stub!)).toEqual(exportsOf(readFileSync(id, 'utf8')))
    // The one caller only calls it for S3.
    const caller = readFileSync(join(dirname(id), '..', 'adaptors', 'getEndpointFromInstructions.js'), 'utf8')
    expect(caller).toMatch(/toLowerCase\(\) === "s3"\)\s*\{\s*await resolveParamsForS3/)
  })

  it("give a client's package.json its version alone, the one field the SDK reads of it", async () => {
    const id = require.resolve('@aws-sdk/client-lightsail/package.json')
    const { version } = JSON.parse(readFileSync(id, 'utf8'))
    expect(JSON.parse((await load(sdkPackageVersionOnly(), id))!)).toEqual({ version })
    const users = readFileSync(join(dirname(id), 'dist-es/runtimeConfig.browser.js'), 'utf8')
    expect([...users.matchAll(/packageInfo\.(\w+)/g)].map((m) => m[1])).toEqual(['version'])
  })

  it("put the app's hasher where the SDK's was, under the name the SDK's clients import, with the SDK's own fallback beside it", async () => {
    const dir = join(smithyDir, 'dist-es/submodules/checksum')
    const id = join(dir, 'sha256/Sha256WebCrypto.js')
    const stand = await load(sha256JsWhenNeeded(), id)
    expect(exportsOf(stand!)).toEqual(exportsOf(readFileSync(id, 'utf8')))
    expect(stand).toContain(join(dirname(require.resolve('../package.json')), 'app/aws/sha256.ts'))
    // The fallback it loads is the SDK's file next to it, which the hasher used to import whole.
    expect(stand).toContain('import("./Sha256Js.js")')
    expect(readFileSync(join(dir, 'sha256/Sha256Js.js'), 'utf8')).toMatch(/export class Sha256Js\b/)
    expect(readFileSync(id, 'utf8')).toMatch(/import \{ Sha256Js \} from "\.\/Sha256Js"/)
    // What the clients' signers use: the checksum module's Sha256, which is that hasher.
    expect(readFileSync(join(dir, 'index.browser.js'), 'utf8')).toContain('export { Sha256WebCrypto, Sha256WebCrypto as Sha256 } from "./sha256/Sha256WebCrypto"')
    const lightsail = dirname(require.resolve('@aws-sdk/client-lightsail/package.json'))
    expect(readFileSync(join(lightsail, 'dist-es/runtimeConfig.shared.js'), 'utf8')).toContain('import { Sha256 } from "@smithy/core/checksum"')
    expect(await load(sha256JsWhenNeeded(), '/elsewhere/Sha256WebCrypto.js')).toBeNull()
  })

  it("give TanStack Query's infinite paging a stand-in with every name it exports, called only by infinite queries, which the app never makes", async () => {
    const dir = join(dirname(require.resolve('@tanstack/query-core/package.json')), 'build/modern')
    const id = join(dir, 'infiniteQueryBehavior.js')
    const stub = await load(noInfiniteQueries(), id)
    const names = (code: string) => [...code.matchAll(/export \{([^}]+)\}/g)].flatMap((m) => m[1]!.split(',').map((n) => n.trim())).sort()
    expect(exportsOf(stub!)).toEqual(names(readFileSync(id, 'utf8')))
    // Its one caller among the modules a plain query uses calls it for an infinite query only.
    expect(readFileSync(join(dir, 'query.js'), 'utf8')).toMatch(/this\.#queryType === "infinite" \? infiniteQueryBehavior\(/)
    // No part of the app makes one.
    const sources = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(folder, e.name)) : /\.tsx?$/.test(e.name) ? [join(folder, e.name)] : []))
    const infinite = /\b(useInfiniteQuery|useSuspenseInfiniteQuery|infiniteQueryOptions|fetchInfiniteQuery|prefetchInfiniteQuery|ensureInfiniteQueryData|InfiniteQueryObserver|useInfiniteQueries)\b/
    const users = sources(join(dirname(require.resolve('../package.json')), 'app')).filter((file) => infinite.test(readFileSync(file, 'utf8')))
    expect(users).toEqual([])
    expect(await load(noInfiniteQueries(), '/elsewhere/infiniteQueryBehavior.js')).toBeNull()
  })
})
