// A demo ops portal on its own origin, as a team's portal would embed Snapshot Lens: it signs its user in with the
// emulator's OpenID provider as its own client (`ops-portal`, which the identity pool also trusts), and embeds a
// snapshot and the inventory with <snapshot-lens>, handing its user's ID token over. `npm start` serves it on
// http://127.0.0.1:5174/; the end-to-end tests also serve their host pages with it (--pages).
//   node --import tsx scripts/demo-portal.ts --port 5174 --app http://127.0.0.1:5173/ --authority http://127.0.0.1:4566/oidc
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '5174' },
    app: { type: 'string', default: 'http://127.0.0.1:5173/' },
    authority: { type: 'string', default: 'http://127.0.0.1:4566/oidc' },
    'client-id': { type: 'string', default: 'ops-portal' },
    pages: { type: 'string' },
    // Further origins the portal's pages may frame and load embed.js from (the tests' sibling frames, the app behind nginx).
    frame: { type: 'string', multiple: true, default: [] },
    // The page served at `/` instead of the portal's own (the tests' attacker page, which wants a code sent to `/`).
    home: { type: 'string', default: 'index.html' },
  },
})

const roots = [resolve('scripts/demo-portal'), ...(args.pages ? [resolve(args.pages)] : [])]
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' }
const app = new URL(args.app!)

const headers = {
  // The portal's own policy: its scripts from itself, Snapshot Lens's snippet and frame from the app's origin.
  'content-security-policy': `default-src 'self'; script-src 'self' ${[app.origin, ...args.frame!].join(' ')}; frame-src 'self' ${[app.origin, ...args.frame!].join(' ')}; connect-src 'self' ${new URL(args.authority!).origin}; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self' ${args.frame!.join(' ')}`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cache-control': 'no-cache',
}

async function file(pathname: string): Promise<{ body: Buffer; type: string } | undefined> {
  const relative = normalize(decodeURIComponent(pathname === '/' ? `/${args.home}` : pathname)).replace(/^([/\\])+/, '')
  for (const root of roots) {
    const full = join(root, relative)
    if (!full.startsWith(root + sep)) return undefined
    const type = TYPES[extname(full)]
    if (!type) continue
    try {
      return { body: await readFile(full), type }
    } catch {
      // Not in this root: the next one.
    }
  }
  return undefined
}

const server = createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? '/', 'http://portal')
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    if (url.pathname === '/portal-config.json') {
      const body = JSON.stringify({ app: app.href, authority: args.authority, clientId: args['client-id'] })
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(body)
      return
    }
    const found = await file(url.pathname).catch(() => undefined)
    if (!found) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(200, { ...headers, 'content-type': found.type }).end(req.method === 'HEAD' ? undefined : found.body)
  })()
})

server.listen(Number(args.port), '127.0.0.1', () => console.log(`demo portal ready on http://127.0.0.1:${args.port}/ (embedding ${app.href})`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
process.on('SIGINT', () => server.close(() => process.exit(0)))
