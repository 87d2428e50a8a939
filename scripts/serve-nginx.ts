// `npm run serve:nginx -- --port 8080 [--upstream aws|<url>] [--config path/to/config.json] [--base /lightsail/] [--tls]`:
// the production setup on this machine. Renders deploy/nginx's configuration for the built app (dist/) and runs
// Debian's nginx in the foreground with it: the app, the Lightsail and Cognito relays (to AWS by default, or to the
// emulator), the security headers and the caching rules. Ctrl-C stops it. --tls: HTTPS with HTTP/2, as production
// serves, with a throwaway self-signed certificate for the host (made by openssl, deleted when nginx stops; a browser
// must be told to accept it).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { get as httpsGet } from 'node:https'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { parseConfig } from '../app/config/config.ts'
import { nginxBinary } from '../deploy/nginx/production.ts'
import { renderMain } from '../deploy/nginx/render.ts'

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    upstream: { type: 'string', default: 'aws' },
    config: { type: 'string' },
    base: { type: 'string', default: '/' },
    dist: { type: 'string', default: 'dist' },
    tls: { type: 'boolean', default: false },
    // Check the configuration and exit.
    check: { type: 'boolean', default: false },
  },
})

function fail(message: string): never {
  console.error(`serve:nginx: ${message}`)
  process.exit(1)
}

const NGINX = nginxBinary()
if (!NGINX) fail('nginx is not installed: `apt-get install -y nginx` (Debian), then run this again.')
const dist = resolve(args.dist!)
if (!existsSync(join(dist, 'index.html'))) fail(`no built app in ${dist}: run \`npm run build\` first.`)
const base = `/${args.base!.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/')
if (!/^\/([a-z0-9_-]+\/)*$/i.test(base)) fail(`--base must be a plain path such as /lightsail/, not ${JSON.stringify(args.base)}`)
if (args.upstream !== 'aws') {
  try {
    const url = new URL(args.upstream!)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error()
  } catch {
    fail(`--upstream must be aws or a URL such as http://127.0.0.1:4566, not ${JSON.stringify(args.upstream)}`)
  }
}
const configFile = resolve(args.config ?? join(dist, 'config.json'))
let config
try {
  config = parseConfig(JSON.parse(readFileSync(configFile, 'utf8')))
} catch (error) {
  fail(`${configFile}: ${(error as Error).message}`)
}

/** The first IPv4 name server of this machine, for nginx's run-time lookups of the AWS endpoints. */
function resolver(): string {
  try {
    const line = readFileSync('/etc/resolv.conf', 'utf8').split('\n').find((l) => /^nameserver\s+\d+\.\d+\.\d+\.\d+\s*$/.test(l))
    if (line) return line.split(/\s+/)[1]!
  } catch {
    // No resolv.conf: systemd-resolved's stub below.
  }
  return '127.0.0.53'
}

const prefix = mkdtempSync(join(tmpdir(), 'snapshot-lens-nginx-'))
let root = dist
if (base !== '/') {
  root = join(prefix, 'www')
  mkdirSync(dirname(join(root, base.slice(0, -1))), { recursive: true })
  symlinkSync(dist, join(root, base.slice(0, -1)))
}
const conf = join(prefix, 'nginx.conf')
const caBundle = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'].find(existsSync) ?? '/etc/ssl/certs/ca-certificates.crt'
let tls: { certificate: string; key: string; redirect: false } | undefined
if (args.tls) {
  tls = { certificate: join(prefix, 'tls.crt'), key: join(prefix, 'tls.key'), redirect: false }
  const name = /^[\d.]+$/.test(args.host!) ? `IP:${args.host}` : `DNS:${args.host}`
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${args.host}`, '-addext', `subjectAltName=${name}`, '-keyout', tls.key, '-out', tls.certificate], { encoding: 'utf8' })
  if (made.status !== 0) {
    rmSync(prefix, { recursive: true, force: true })
    fail(`openssl could not make a certificate: ${made.stderr ?? made.error}`)
  }
}
let main = renderMain(
  {
    // `listen … http2` rather than `http2 on`: Debian 12's nginx is 1.22.
    listen: `${args.host}:${args.port}${tls ? ' ssl http2' : ''}`,
    tls,
    serverName: '_',
    root,
    base,
    upstream: args.upstream!,
    config,
    resolver: resolver(),
    trustedCertificates: caBundle,
    configFile: args.config ? configFile : undefined,
  },
  prefix,
)
// Started by root (a container, CI), nginx would hand its workers to `nobody`, who may not read a checkout. Workers
// run as whoever started this, as they do for any other user; a production server uses the packaged service instead.
if (process.getuid?.() === 0) main = main.replace('worker_processes 1;', 'worker_processes 1;\nuser root root;')
writeFileSync(conf, main)

const cleanup = () => rmSync(prefix, { recursive: true, force: true })
const test = spawnSync(NGINX, ['-t', '-q', '-p', prefix, '-c', conf], { encoding: 'utf8' })
if (test.status !== 0) {
  cleanup()
  fail(`nginx refused the configuration:\n${test.stderr}`)
}
if (args.check) {
  console.log(`nginx accepts the configuration (${conf})`)
  cleanup()
  process.exit(0)
}

const nginx = spawn(NGINX, ['-p', prefix, '-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] })
function stop(): void {
  if (nginx.exitCode === null) nginx.kill('SIGQUIT')
}
const url = `${tls ? 'https' : 'http'}://${args.host}:${args.port}${base}`
/** Whether nginx answers 200 on `target` (over TLS, trusting only the certificate made above). */
const answers = (target: string): Promise<boolean> =>
  tls
    ? new Promise((resolve) => {
        const request = httpsGet(target, { ca: readFileSync(tls!.certificate) }, (response) => {
          response.resume()
          resolve(response.statusCode === 200)
        })
        request.on('error', () => resolve(false))
      })
    : fetch(target).then((response) => response.ok, () => false)
// Ready once it answers: a bounded wait, then the address.
void (async () => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (nginx.exitCode !== null) return
    if (await answers(url)) {
      console.log(`nginx ready on ${url} (relays to ${args.upstream}; configuration ${conf})`)
      return
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  // Not serving what it should (a file it cannot read answers 403): stop rather than leave a broken server running.
  console.error(`serve:nginx: nginx did not answer 200 on ${url} within 10 s; stopping it`)
  stop()
})()
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
nginx.on('exit', (code) => {
  cleanup()
  process.exit(code ?? 0)
})
