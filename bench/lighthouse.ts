// `npm run lighthouse`: Lighthouse (bench/lighthouse-report.ts), mobile, on the snapshot deep link served the
// production way: the built app behind nginx with the generated configuration and its strict headers, relaying to the
// emulator (guests of its development pool, so no sign-in page stands in front). Prints the scores and the audits that
// cost points; the report goes to bench/out/lighthouse.json. Needs `npm run build` first, Debian's nginx and Chromium.
// `npm run bench` runs it too, on our app and the peer behind the same nginx.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { DEVELOPMENT_POOL } from '../emulator/pools.ts'
import { lighthouse, printLighthouse } from './lighthouse-report.ts'
import { startEmulator, startNginx, stopAll } from './processes.ts'

const EMULATOR_PORT = 4621
const NGINX_PORT = 4622

async function main(): Promise<void> {
  if (!existsSync('dist/index.html')) throw new Error('run `npm run build` first')
  mkdirSync('bench/out', { recursive: true })
  const configFile = 'bench/out/lighthouse-config.json'
  writeFileSync(
    configFile,
    JSON.stringify({
      defaultRegion: 'us-east-2',
      cognito: { region: 'us-east-2', identityPoolId: DEVELOPMENT_POOL, relayPath: '/aws/cognito-identity' },
      lightsail: { mode: 'relay', relayPath: '/aws/lightsail' },
      pollSeconds: 10,
    }),
  )
  await startEmulator(EMULATOR_PORT)
  await startNginx(NGINX_PORT, `http://127.0.0.1:${EMULATOR_PORT}`, configFile)
  const url = `http://127.0.0.1:${NGINX_PORT}/?region=us-east-2&snapshot=web-1-backup`
  console.log(printLighthouse(await lighthouse(url, 'bench/out/lighthouse.json'), 'the snapshot deep link').join('\n'))
}

main()
  .catch((error: unknown) => {
    console.error(`lighthouse: ${(error as Error).message}`)
    process.exitCode = 1
  })
  .finally(stopAll)
