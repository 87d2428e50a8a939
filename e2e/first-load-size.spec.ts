// The first load's bytes, held under the limits committed in bench/first-load-limits.json: the JS and CSS the detail
// link and the inventory request before their data is in the DOM, gzipped, counted as `npm run bench` counts them
// (bench/first-load.ts). Bytes do not depend on the machine; which files load before the data is the app's doing.
// Over a limit, the failure names the biggest modules. A build padded with one module proves the check bites.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser } from '@playwright/test'
import { build, preview, type Plugin, type PluginOption, type PreviewServer, type UserConfig } from 'vite'
import { visualizer } from 'rollup-plugin-visualizer'
import { checkFirstLoad, DATA_MARKS, loadedAssets, markData, MODULES_FILE, readLimits, type DataMark } from '../bench/first-load.ts'
import { DEVELOPMENT_POOL } from '../emulator/pools.ts'
import { relayPlugin } from '../scripts/vite-relay.ts'
import { sourceMapsOutsideDist } from '../scripts/vite-sourcemaps.ts'
import appConfig from '../vite.config.ts'
import { E2E_EMULATOR_URL } from './environment.ts'
import { expect, test } from './fixtures.ts'

const DETAIL_LINK = '?region=us-east-2&snapshot=web-1-backup'
const work = mkdtempSync(join(tmpdir(), 'snapshot-lens-first-load-'))
// A guest of the emulator's development pool, as the bench loads it: no sign-in page in front of the data.
const guestConfig = join(work, 'config.json')
writeFileSync(
  guestConfig,
  JSON.stringify({
    defaultRegion: 'us-east-2',
    cognito: { region: 'us-east-2', identityPoolId: DEVELOPMENT_POOL, relayPath: '/aws/cognito-identity' },
    lightsail: { mode: 'relay', relayPath: '/aws/lightsail' },
    pollSeconds: 5,
  }),
)
test.afterAll(() => rmSync(work, { recursive: true, force: true }))

/** `vite preview` of a build, relaying to the suite's emulator, on a free port. */
async function serve(outDir: string): Promise<{ url: string; server: PreviewServer }> {
  const server = await preview({
    configFile: false,
    root: process.cwd(),
    logLevel: 'silent',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
    plugins: [relayPlugin({ target: E2E_EMULATOR_URL, configFile: guestConfig })],
  })
  return { url: `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`, server }
}

/** A first load in a new profile: the files requested before the data was in the DOM. */
async function firstLoad(browser: Browser, url: string, mark: DataMark): Promise<string[]> {
  const context = await browser.newContext()
  try {
    await markData(context, mark)
    const page = await context.newPage()
    await page.goto(url, { waitUntil: 'commit' })
    return (await loadedAssets(page)).beforeData
  } finally {
    await context.close()
  }
}

async function measure(browser: Browser, outDir: string, modulesFile: string, path: string, mark: DataMark, name: string, limit: number) {
  const { url, server } = await serve(outDir)
  try {
    return checkFirstLoad(name, await firstLoad(browser, url + path, mark), limit, join(outDir, 'assets'), modulesFile)
  } finally {
    await server.close()
  }
}

/** A module of `bytes` random base64 characters (gzip cannot shrink it much), imported by the app's entry. */
function padding(bytes: number): Plugin {
  const id = '\0first-load-padding'
  let seed = 16
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const text = Array.from({ length: bytes }, () => alphabet[((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) % 64]).join('')
  return {
    name: 'first-load-padding',
    enforce: 'pre',
    resolveId: (source) => (source === 'virtual:first-load-padding' ? id : undefined),
    load: (source) => (source === id ? `globalThis.__firstLoadPadding = ${JSON.stringify(text)}\n` : undefined),
    transform: (code, module) => (module.endsWith('/app/main.tsx') ? `import 'virtual:first-load-padding'\n${code}` : undefined),
  }
}

test('the detail link loads no more bytes before its data than the committed limit', async ({ browser }) => {
  const check = await measure(browser, 'dist', MODULES_FILE, DETAIL_LINK, DATA_MARKS.detail, 'The detail link', readLimits().detail.gzipBytes)
  console.log(check.report)
  expect(check.ok, check.report).toBe(true)
})

test('the inventory loads no more bytes before its first rows than the committed limit', async ({ browser }) => {
  const check = await measure(browser, 'dist', MODULES_FILE, '', DATA_MARKS.inventory, 'The inventory', readLimits().inventory.gzipBytes)
  console.log(check.report)
  expect(check.ok, check.report).toBe(true)
})

test('a module that grows the first load past its limit fails the check, and is named as the biggest', async ({ browser }) => {
  test.setTimeout(120_000)
  const limit = readLimits().detail.gzipBytes
  const today = await measure(browser, 'dist', MODULES_FILE, DETAIL_LINK, DATA_MARKS.detail, 'The detail link', limit)
  // Past the limit by 4 KB whatever the slack today: base64 gzips to about three quarters of its size.
  const grow = Math.max(limit - today.gzipBytes, 0) + 4096
  const padded = join(work, 'dist')
  const modules = join(work, 'modules.json')
  const config = appConfig as UserConfig
  const plugins = (config.plugins ?? []).flat(Infinity as 1) as PluginOption[]
  await build({
    ...config,
    configFile: false,
    logLevel: 'silent',
    // The same build, its source maps and module data kept out of the project's own.
    plugins: [
      ...plugins.filter((p) => !['snapshot-lens-sourcemaps-outside-dist', 'visualizer'].includes((p as Plugin | null)?.name ?? '')),
      sourceMapsOutsideDist(join(work, 'sourcemaps')),
      visualizer({ filename: modules, template: 'raw-data', gzipSize: true }),
      padding(Math.ceil((grow * 4) / 3) + 2048),
    ],
    build: { ...config.build, outDir: resolve(padded), emptyOutDir: true },
  })
  const check = await measure(browser, padded, modules, DETAIL_LINK, DATA_MARKS.detail, 'The padded detail link', limit)
  console.log(check.report)
  expect(check.ok).toBe(false)
  expect(check.gzipBytes).toBeGreaterThan(today.gzipBytes + grow)
  expect(check.report).toContain('OVER by')
  // The padding is named among the biggest modules, with about what it added; the others by package or app path.
  const names = check.biggest.map((c) => c.module)
  expect(names.indexOf('first-load-padding'), check.report).toBeGreaterThanOrEqual(0)
  expect(names.indexOf('first-load-padding'), check.report).toBeLessThan(3)
  expect(check.biggest.find((c) => c.module === 'first-load-padding')!.gzip).toBeGreaterThan(grow)
  expect(check.report).toMatch(/^ +[\d.]+ KB {2}first-load-padding$/m)
  expect(names).toContain('react-dom/cjs/react-dom-client.production.js')
  expect(names.some((n) => n.startsWith('app/'))).toBe(true)
})
