// Adds <link rel="modulepreload"> for chunks the app imports lazily but needs on every load. The Cognito credential
// provider loads its client with a dynamic import on first use; without a hint that download waits until the first
// render is done, and the first AWS request waits with it.
import type { Plugin } from 'vite'

export function preloadLazyChunks(names: string[]): Plugin {
  return {
    name: 'snapshot-lens-preload-lazy-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter(
          (file) => file.type === 'chunk' && !file.isEntry && names.includes(file.name),
        )
        return chunks.map((chunk) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` },
          injectTo: 'head' as const,
        }))
      },
    },
  }
}
