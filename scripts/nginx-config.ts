// `npm run nginx:config [-- --config my-config.json --server-name lens.example.com --root /var/www/snapshot-lens
// --resolver 127.0.0.53 --certificate … --key … --out file]`: the production nginx server block for Snapshot Lens,
// generated from the relay rules, the runtime config and the security headers. Without --out it writes
// deploy/nginx/snapshot-lens.conf (from deploy/config.production.example.json); with `--out -`, to standard output.
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { productionOptions } from '../deploy/nginx/production.ts'
import { renderServer } from '../deploy/nginx/render.ts'

const { values: args } = parseArgs({
  options: {
    config: { type: 'string' },
    'server-name': { type: 'string' },
    root: { type: 'string' },
    resolver: { type: 'string' },
    certificate: { type: 'string' },
    key: { type: 'string' },
    out: { type: 'string', default: 'deploy/nginx/snapshot-lens.conf' },
  },
})

const text = renderServer(
  productionOptions({
    configFile: args.config,
    serverName: args['server-name'],
    root: args.root,
    resolver: args.resolver,
    certificate: args.certificate,
    key: args.key,
  }),
)
if (args.out === '-') process.stdout.write(text)
else {
  writeFileSync(args.out!, text)
  console.log(`wrote ${args.out}`)
}
