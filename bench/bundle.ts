// The builds a benchmark run compares: the app (`vite build` with vite.config.ts, as `npm run build` makes it) and the
// peers (bench/minimal/detail and bench/minimal/inventory), built by the same config without the project's own
// plugins. Each build also writes a treemap of its modules to bench/out/ (rollup-plugin-visualizer).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { visualizer } from 'rollup-plugin-visualizer'
import { build, type PluginOption, type UserConfig } from 'vite'
import appConfig from '../vite.config.ts'
import { add, sizes, ZERO, type Sizes } from './stats.ts'

export const PEERS = { detail: 'bench/out/peer-detail', inventory: 'bench/out/peer-inventory' } as const
export type PeerName = keyof typeof PEERS

const treemap = (name: string) =>
  visualizer({ filename: `bench/out/treemap-${name}.html`, template: 'treemap', gzipSize: true, title: `${name}: modules by size` })

/** The app's plugins without the project's own (relay, preload hints, source maps kept outside dist). */
function peerPlugins(): PluginOption[] {
  return ((appConfig as UserConfig).plugins ?? []).flat(Infinity as 1).filter((p) => !(p && typeof p === 'object' && 'name' in p && String(p.name).startsWith('snapshot-lens')))
}

export async function buildAppAndPeers(): Promise<{ appAll: Sizes }> {
  await build({ logLevel: 'warn', plugins: [treemap('app')] })
  for (const [name, outDir] of Object.entries(PEERS)) {
    const config = appConfig as UserConfig
    await build({
      ...config,
      configFile: false,
      // React Query's "use client" directives mean nothing here; the bundler's notes about them are noise.
      logLevel: 'error',
      root: `bench/minimal/${name}`,
      plugins: [...peerPlugins(), treemap(`peer-${name}`)],
      build: { ...config.build, outDir: join(process.cwd(), outDir), emptyOutDir: true, sourcemap: false },
    })
  }
  const appAll = readdirSync('dist/assets')
    .filter((f) => /\.(js|css)$/.test(f))
    .reduce((sum, f) => add(sum, sizes(readFileSync(join('dist/assets', f)))), ZERO)
  return { appAll }
}

/** Sizes of built JS and CSS files, by name, in `dir` (dist/assets for the app). */
export function assetSizes(files: string[], dir = 'dist/assets'): Sizes {
  return [...new Set(files)].reduce((sum, f) => add(sum, sizes(readFileSync(join(dir, f)))), ZERO)
}
