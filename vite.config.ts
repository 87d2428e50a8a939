import react from '@vitejs/plugin-react'
import { visualizer } from 'rollup-plugin-visualizer'
import { defineConfig } from 'vite'
import { preloadLazyChunks } from './scripts/vite-preload.ts'
import { relayPlugin } from './scripts/vite-relay.ts'
import { awsPartitionOnly, noInfiniteQueries, noS3EndpointRules, schemasPerCommand, sdkPackageVersionOnly, sha256JsWhenNeeded } from './scripts/vite-sdk-size.ts'
import { sourceMapsOutsideDist } from './scripts/vite-sourcemaps.ts'

export default defineConfig({
  base: './',
  plugins: [
    react(),
    preloadLazyChunks(['loadCognitoIdentity']),
    // The first load carries the shapes of the snapshot link's own command only (see the plugin).
    schemasPerCommand({ firstLoad: ['GetInstanceSnapshot', 'GetInstanceSnapshots'] }),
    sdkPackageVersionOnly(),
    noS3EndpointRules(),
    awsPartitionOnly(),
    sha256JsWhenNeeded(),
    noInfiniteQueries(),
    sourceMapsOutsideDist(),
    // Which modules make up each built file, outside dist/: the first-load check names the biggest when it fails.
    visualizer({ filename: 'reports/bundle-modules.json', template: 'raw-data', gzipSize: true }),
    // The relay serves the paths of the config the app is served: SNAPSHOT_LENS_CONFIG, or public/config.json.
    relayPlugin({
      target: process.env.RELAY_TARGET ?? process.env.EMULATOR_URL ?? 'http://127.0.0.1:4566',
      configFile: process.env.SNAPSHOT_LENS_CONFIG,
    }),
  ],
  build: {
    target: 'es2022',
    // Every browser these targets name supports <link rel="modulepreload">: no polyfill.
    modulePreload: { polyfill: false },
    // light-dark() carries both themes in one declaration; these browsers (2024 on) read it natively.
    cssTarget: ['chrome123', 'edge123', 'firefox120', 'safari17.5'],
    // Made, but not published: written to sourcemaps/, outside dist/ (scripts/vite-sourcemaps.ts).
    sourcemap: 'hidden',
    rolldownOptions: {
      output: {
        // Everything a page load needs at once goes in one chunk. Left to itself, the bundler may split modules that
        // the lazily loaded Cognito client shares with the entry into small extra files, and where it draws those
        // lines changes with unrelated edits.
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
})
