// `npm run cfn:template`: writes deploy/aws/template.json from deploy/aws/template.ts (the Lightsail regions, the relay
// rules, the app's operations and the security headers are its sources), compact enough for `aws cloudformation
// deploy` to send it in the request. A test checks the committed file is up to date, and within that limit.
import { writeFileSync } from 'node:fs'
import { deployerPolicy } from '../deploy/aws/deployer-policy.ts'
import { buildTemplate, formatTemplate, TEMPLATE_BODY_LIMIT } from '../deploy/aws/template.ts'

const text = formatTemplate(buildTemplate())
writeFileSync('deploy/aws/template.json', text)
console.log(`wrote deploy/aws/template.json (${Buffer.byteLength(text)} bytes of the ${TEMPLATE_BODY_LIMIT} the AWS CLI sends inline)`)
writeFileSync('deploy/aws/deployer-policy.json', `${JSON.stringify(deployerPolicy(), null, 2)}\n`)
console.log('wrote deploy/aws/deployer-policy.json (what the deployer may do, for the stack snapshot-lens)')
