// Source maps are made for every build but kept out of dist/: a public map would publish the source. They are written
// to `sourcemaps/` beside dist/ (for an error tracker, or to read a stack trace), and the built files carry no
// sourceMappingURL comment (build.sourcemap: 'hidden').
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Plugin } from 'vite'

export function sourceMapsOutsideDist(directory = 'sourcemaps'): Plugin {
  let outDir = resolve(directory)
  const maps = new Map<string, string | Uint8Array>()
  return {
    name: 'snapshot-lens-sourcemaps-outside-dist',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, directory)
    },
    generateBundle(_options, bundle) {
      for (const [fileName, file] of Object.entries(bundle)) {
        if (!fileName.endsWith('.map') || file.type !== 'asset') continue
        maps.set(fileName, file.source)
        delete bundle[fileName]
      }
    },
    writeBundle() {
      rmSync(outDir, { recursive: true, force: true })
      for (const [fileName, source] of maps) {
        const path = join(outDir, fileName)
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, source)
      }
      maps.clear()
    },
  }
}
