// What the benchmark compares the first load against: the bare minimum (bench/minimal: React, React Query, and the
// Lightsail and Cognito Identity clients with one command each), built the same way as the app.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { add, sizes, ZERO, type Sizes } from './stats.ts'

export async function buildAppAndMinimum(): Promise<{ minimal: Sizes; appAll: Sizes }> {
  await build({ logLevel: 'warn' })
  await build({
    // React Query's "use client" directives mean nothing here; the bundler's notes about them are noise.
    logLevel: 'error',
    configFile: false,
    root: 'bench/minimal',
    base: './',
    build: { outDir: '../out/minimal', emptyOutDir: true, target: 'es2022' },
  })
  // The minimum's first load: what its index.html names (entry, preloads, CSS), not chunks it would load only later.
  const html = readFileSync('bench/out/minimal/index.html', 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
  const minimal = files.reduce((sum, f) => add(sum, sizes(readFileSync(join('bench/out/minimal/assets', f)))), ZERO)
  const appAll = readdirSync('dist/assets')
    .filter((f) => /\.(js|css)$/.test(f))
    .reduce((sum, f) => add(sum, sizes(readFileSync(join('dist/assets', f)))), ZERO)
  return { minimal, appAll }
}

export function assetSizes(files: string[]): Sizes {
  return [...new Set(files)].reduce((sum, f) => add(sum, sizes(readFileSync(join('dist/assets', f)))), ZERO)
}
