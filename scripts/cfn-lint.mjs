// `npm run lint:cfn`: cfn-lint on the CloudFormation template when cfn-lint is installed (pip install cfn-lint; the
// npm package of that name is another tool). `.ci/run` installs it when missing, so CI always lints.
import { spawnSync } from 'node:child_process'

const found = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' })
if (found.error) {
  console.log('lint:cfn: cfn-lint is not installed here (pip install cfn-lint); the template was not linted. CI lints it.')
  process.exit(0)
}
const result = spawnSync('cfn-lint', ['deploy/aws/template.json'], { stdio: 'inherit' })
if (result.status === 0) console.log(`lint:cfn: deploy/aws/template.json passes ${found.stdout.trim()}`)
process.exit(result.status ?? 1)
