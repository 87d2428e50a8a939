// Every relative link and picture in README.md and docs/*.md resolves: the file exists, and an anchor names a heading
// of it (as GitHub makes a heading's anchor). A moved page, a renamed heading or a picture never regenerated fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const REPO = resolve(new URL('..', import.meta.url).pathname)
const FILES = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]

/** The text outside fenced code blocks (links inside code are code). */
function prose(text: string): string {
  return text.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, '')
}

/** A heading's anchor, as GitHub makes it: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  for (const m of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]!.replace(/`/g, '').trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n === 0 ? base : `${base}-${n}`)
  }
  return out
}

/** Every link and picture target: Markdown's [..](target) and ![..](target), and HTML src/href. */
export function targets(markdown: string): string[] {
  const text = prose(markdown)
  return [
    ...[...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/<(?:img|a)\s[^>]*(?:src|href)="([^"]+)"/g)].map((m) => m[1]!),
  ]
}

const relativeTargets = (file: string) =>
  targets(readFileSync(join(REPO, file), 'utf8')).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('//'))

describe('the links of the docs', () => {
  it.each(FILES)('%s: every relative link and picture resolves, anchors included', (file) => {
    const problems: string[] = []
    for (const target of relativeTargets(file)) {
      const [path, anchor] = target.split('#', 2) as [string, string?]
      const resolved = path === '' ? join(REPO, file) : resolve(dirname(join(REPO, file)), decodeURIComponent(path))
      if (!resolved.startsWith(REPO)) problems.push(`${target}: leaves the repository`)
      else if (!existsSync(resolved)) problems.push(`${target}: no such file (${relative(REPO, resolved)})`)
      else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(anchor)) {
        problems.push(`${target}: ${relative(REPO, resolved)} has no heading #${anchor}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('the README shows the pictures that `npm run screenshots` makes', () => {
    const pictures = relativeTargets('README.md').filter((t) => /\.(png|jpe?g|svg|webp)$/.test(t))
    expect(pictures.length).toBeGreaterThanOrEqual(2)
    for (const picture of pictures) expect(picture).toMatch(/^docs\/images\//)
    const made = readFileSync(join(REPO, 'scripts', 'screenshots.ts'), 'utf8')
    for (const picture of pictures) {
      const name = picture.replace(/^docs\/images\//, '').replace(/(-360)?(-dark)?\.png$/, '')
      expect(made, `scripts/screenshots.ts makes ${picture}`).toContain(`name: '${name}'`)
    }
  })

  it('the checks themselves: an anchor as GitHub makes it, a link in code ignored', () => {
    expect([...anchors('# Snapshot Lens\n## The `emulator/` (local AWS)\n## Notes\n## Notes\n```sh\n# not a heading\n```')]).toEqual([
      'snapshot-lens',
      'the-emulator-local-aws',
      'notes',
      'notes-1',
    ])
    expect(targets('[a](docs/x.md#y) ![p](docs/images/p.png) `[b](c.md)`\n```\n[d](e.md)\n```\n<img src="f.png">')).toEqual([
      'docs/x.md#y',
      'docs/images/p.png',
      'c.md',
      'f.png',
    ])
  })
})
