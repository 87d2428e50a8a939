// `npm run deploy:aws -- --stack snapshot-lens --region us-east-2 --domain-prefix acme-lens [--portals https://portal.example.com]
// [--regions us-east-2,eu-west-1] [--dry-run]`: from an empty account to a working link (docs/deploy.md). Builds the
// app, creates or updates the stack (deploy/aws/template.json) with the AWS CLI, writes config.json from the stack's
// outputs, uploads the build and invalidates what is revalidated. --dry-run prints the calls instead of making them.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { parseConfig } from '../app/config/config.ts'
import { originProblem } from '../app/config/config.ts'
import { REGION_PATTERN } from '../app/lib/relay-rules.ts'
import { configFromOutputs, stackCommands, uploadCommands, type StackOutputs } from '../deploy/aws/stack.ts'

const { values: args } = parseArgs({
  options: {
    stack: { type: 'string', default: 'snapshot-lens' },
    region: { type: 'string' },
    'domain-prefix': { type: 'string' },
    portals: { type: 'string', default: '' },
    regions: { type: 'string', default: '' },
    'dry-run': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
})

function fail(message: string): never {
  console.error(`deploy:aws: ${message}`)
  process.exit(1)
}
const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean)
const region = args.region ?? fail('--region is required: the region of the identity pool and user pool, such as us-east-2')
if (!REGION_PATTERN.test(region)) fail(`--region ${JSON.stringify(region)} is not a region name`)
const domainPrefix = args['domain-prefix'] ?? fail('--domain-prefix is required: the hosted sign-in domain, <prefix>.auth.<region>.amazoncognito.com')
const portals = list(args.portals!)
for (const portal of portals) {
  const problem = originProblem(portal)
  if (problem) fail(`--portals: ${problem}`)
}
const regions = list(args.regions!)
for (const r of regions) if (!REGION_PATTERN.test(r)) fail(`--regions: ${JSON.stringify(r)} is not a region name`)

const dryRun = args['dry-run']
function run(command: string[]): string {
  console.log(`$ ${command.map((part) => (/[\s"'*,]/.test(part) ? `'${part}'` : part)).join(' ')}`)
  if (dryRun) return ''
  return execFileSync(command[0]!, command.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
}

if (!args['skip-build']) run(['npm', 'run', 'build'])
const [deploy, describe] = stackCommands({ stack: args.stack!, region, domainPrefix, portals, regions })
run(deploy!)
const described = run(describe!)
if (dryRun) {
  console.log('(dry run: config.json would be written from the outputs above, then the build uploaded)')
  process.exit(0)
}
const outputs: StackOutputs = Object.fromEntries((JSON.parse(described) as { OutputKey: string; OutputValue: string }[]).map((o) => [o.OutputKey, o.OutputValue]))
const config = configFromOutputs(outputs)
parseConfig(config)
writeFileSync('dist/config.json', `${JSON.stringify(config, null, 2)}\n`)
console.log('wrote dist/config.json from the stack outputs')
for (const command of uploadCommands(outputs, region)) run(command)
console.log(`\nSnapshot Lens is at ${outputs.AppUrl}
Invite a teammate: aws cognito-idp admin-create-user --region ${region} --user-pool-id ${outputs.Authority!.split('/').pop()} --username someone@example.com`)
