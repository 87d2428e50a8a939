// The walls between the browser code, the emulator and the tooling hold: a deliberate violation, written as a probe
// file that exists only in memory, fails both the type check of its project and the lint rules of its folder. A
// clean probe passes both, so the failures are the walls and not a broken harness.
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')

function typeErrors(project: string, probePath: string, code: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(root, project), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })
  if (!parsed) throw new Error(`cannot read ${project}`)
  const probe = resolve(root, probePath)
  const host = ts.createCompilerHost(parsed.options)
  const { readFile, fileExists, getSourceFile } = host
  host.readFile = (file) => (file === probe ? code : readFile.call(host, file))
  host.fileExists = (file) => file === probe || fileExists.call(host, file)
  host.getSourceFile = (file, language, ...rest) => (file === probe ? ts.createSourceFile(file, code, language) : getSourceFile.call(host, file, language, ...rest))
  const program = ts.createProgram({ rootNames: [...parsed.fileNames, probe], options: parsed.options, host })
  const source = program.getSourceFile(probe)
  return [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics(source)].map(
    (d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
  )
}

const eslint = new ESLint({ cwd: root })
async function lintErrors(probePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, probePath) })
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`)
}

const probes = [
  {
    what: 'browser code importing a Node module',
    project: 'tsconfig.app.json',
    file: 'app/lib/wall-probe.ts',
    code: "import { readFileSync } from 'node:fs'\nexport const probe = readFileSync\n",
    type: /TS2591 Cannot find name 'node:fs'/,
    lint: /Browser code cannot use Node modules/,
  },
  {
    what: 'browser code importing the emulator',
    project: 'tsconfig.app.json',
    file: 'app/snapshots/wall-probe.ts',
    code: "import { errors } from '../../emulator/wire.ts'\nexport const probe = errors\n",
    type: /TS6307 .*emulator\/wire\.ts' is not listed within the file list of project/,
    lint: /The app never imports the emulator/,
  },
  {
    what: 'browser code importing the tooling',
    project: 'tsconfig.app.json',
    file: 'app/lib/wall-probe.ts',
    code: "import { relayHandler } from '../../scripts/vite-relay.ts'\nexport const probe = relayHandler\n",
    type: /TS6307 .*scripts\/vite-relay\.ts' is not listed/,
    lint: /The app never imports tooling or tests/,
  },
  {
    what: 'the emulator importing the app',
    project: 'tsconfig.node.json',
    file: 'emulator/wall-probe.ts',
    code: "import { formatGb } from '../app/lib/format.ts'\nexport const probe = formatGb\n",
    type: /TS6307 .*app\/lib\/format\.ts' is not listed/,
    lint: /The emulator stands alone/,
  },
]

describe('the walls', () => {
  it.each(probes)('stop $what: type check and lint both fail', async ({ project, file, code, type, lint }) => {
    expect(typeErrors(project, file, code).join('\n')).toMatch(type)
    expect((await lintErrors(file, code)).join('\n')).toMatch(lint)
  })

  it('keep the AWS SDK inside app/aws and the sign-in library inside app/auth', async () => {
    expect((await lintErrors('app/snapshots/wall-probe.ts', "import { LightsailClient } from '@aws-sdk/client-lightsail'\nexport const probe = LightsailClient\n")).join()).toMatch(
      /Only app\/aws\/\*\* may import the AWS SDK/,
    )
    expect((await lintErrors('app/aws/wall-probe.ts', "import { UserManager } from 'oidc-client-ts'\nexport const probe = UserManager\n")).join()).toMatch(
      /Only app\/auth\/\*\* may import the sign-in library/,
    )
    expect(await lintErrors('app/aws/wall-probe.ts', "import { LightsailClient } from '@aws-sdk/client-lightsail'\nexport const probe = LightsailClient\n")).toEqual([])
  })

  it('let clean code through (the harness is not what fails)', async () => {
    const code = "import { formatGb } from './format.ts'\nexport const probe = formatGb(1)\n"
    expect(typeErrors('tsconfig.app.json', 'app/lib/wall-probe.ts', code)).toEqual([])
    expect(await lintErrors('app/lib/wall-probe.ts', code)).toEqual([])
    const shared = "import { REGION_PATTERN } from '../app/lib/relay-rules.ts'\nexport const probe = REGION_PATTERN\n"
    expect(typeErrors('tsconfig.node.json', 'scripts/wall-probe.ts', shared)).toEqual([])
  })
})
