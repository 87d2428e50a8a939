// `npm run cfn:template`: writes deploy/aws/template.json from deploy/aws/template.ts (the Lightsail regions, the relay
// rules and the security headers are its sources). A test checks the committed file is up to date.
import { writeFileSync } from 'node:fs'
import { buildTemplate } from '../deploy/aws/template.ts'

writeFileSync('deploy/aws/template.json', `${JSON.stringify(buildTemplate(), null, 2)}\n`)
console.log('wrote deploy/aws/template.json')
