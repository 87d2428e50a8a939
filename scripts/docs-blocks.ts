// The shell blocks of the docs, and a sandbox to run them in: each block runs in bash (`set -euo pipefail`) in a
// scratch copy of the checkout's layout, with a PATH of stub commands that record their arguments and check what they
// can (`npm run X` names a script of package.json; `aws` is the real AWS CLI talking to a recording stand-in for AWS,
// or to a real emulator for commands the docs address to the local one;
// some of our scripts run for real in a mode that changes nothing), plus a short list of harmless real tools. Any
// other command is "not found", which fails the block: add a stub here when the docs need a new command. Tests only.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export interface ShellBlock {
  file: string
  /** The line of the file where the block's first line is. */
  line: number
  language: string
  code: string
}

/** Info strings that mean a shell session: run as bash. */
export const SHELL_LANGUAGES = ['sh', 'bash', 'shell']
/** Info strings that look like a shell but would not run (prompts, output): write them as ```sh instead. */
export const NOT_RUNNABLE = ['console', 'shell-session', 'shellsession', 'terminal', 'zsh', 'fish', 'ps1', 'powershell', 'cmd', 'bat']

/** Every fenced block of a Markdown file, with its info string's first word and where it starts. */
export function fencedBlocks(file: string, text: string): ShellBlock[] {
  const blocks: ShellBlock[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!)
    if (!open) continue
    const fence = open[2]!
    const body: string[] = []
    let j = i + 1
    while (j < lines.length && !lines[j]!.trimStart().startsWith(fence)) body.push(lines[j++]!)
    blocks.push({ file, line: i + 2, language: open[3]!.toLowerCase(), code: body.join('\n') })
    i = j
  }
  return blocks
}

export function shellBlocks(file: string, text: string): ShellBlock[] {
  return fencedBlocks(file, text).filter((b) => SHELL_LANGUAGES.includes(b.language))
}

/** Real tools a block may use as they are: they read, print or make files in the scratch directory. */
const REAL_TOOLS = ['cat', 'echo', 'printf', 'true', 'false', 'test', '[', 'mkdir', 'cp', 'mv', 'ls', 'grep', 'sed', 'head', 'tail', 'cut', 'tr', 'wc', 'env', 'dirname', 'basename', 'sort', 'uniq', 'tee', 'touch', 'date', 'jq', 'bash', 'sh', 'openssl']

/** Commands that only record their arguments (and succeed): installing packages, services, network tools. */
const RECORDERS = ['apt-get', 'apt', 'pip', 'pip3', 'systemctl', 'service', 'curl', 'wget', 'git', 'kill', 'sleep', 'nginx', 'certbot', 'chromium', 'open', 'xdg-open', 'python3', 'node']

export interface Sandbox {
  /** The scratch directory blocks run in (the checkout's top-level entries linked into it, a build in miniature). */
  cwd: string
  /** The stub directory, first on PATH. */
  bin: string
  /** The real tools allowed, second on PATH. */
  tools: string
  /** The prelude every block runs after (BASH_ENV). */
  prelude: string
  /** Each stub call, one JSON line: { command, args, line } (line: of the block being run). */
  log: string
  /** Stub failures, one line each: the block's line and why. */
  failures: string
}

/**
 * Makes the sandbox: `repo` is the checkout; `aws` a directory holding the `aws` stub (fake-aws.ts's awsStub);
 * `argumentChecks`, for some npm scripts, the arguments that make them change nothing (they then run for real, so an
 * option they do not know fails the block).
 */
export function makeSandbox(repo: string, aws: string, argumentChecks: Record<string, string[]>): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'snapshot-lens-docs-'))
  const cwd = join(root, 'checkout')
  const bin = join(root, 'bin')
  const tools = join(root, 'tools')
  mkdirSync(cwd)
  mkdirSync(bin)
  mkdirSync(tools)
  for (const tool of REAL_TOOLS) {
    const found = execFileSync('bash', ['-c', `command -v -- ${JSON.stringify(tool)} || true`], { encoding: 'utf8' }).trim()
    if (found.startsWith('/')) symlinkSync(found, join(tools, tool))
  }
  const preludeFile = join(root, 'prelude.sh')
  writeFileSync(preludeFile, prelude())
  const log = join(root, 'calls.jsonl')
  const failures = join(root, 'failures.txt')
  writeFileSync(log, '')
  writeFileSync(failures, '')
  for (const entry of ['package.json', 'package-lock.json', 'node_modules', 'app', 'deploy', 'docs', 'emulator', 'scripts', 'public', 'e2e', 'bench', 'tsconfig.json', 'tsconfig.node.json', 'tsconfig.app.json', 'tsconfig.test.json', 'vite.config.ts', 'index.html']) {
    if (existsSync(join(repo, entry))) symlinkSync(resolve(repo, entry), join(cwd, entry))
  }
  // What a reader has when the docs say "your build" and "your config".
  mkdirSync(join(cwd, 'dist', 'assets'), { recursive: true })
  writeFileSync(join(cwd, 'dist', 'index.html'), '<!doctype html><title>Snapshot Lens</title>')
  writeFileSync(join(cwd, 'dist', 'config.json'), readFileSync(join(repo, 'deploy', 'config.production.example.json')))
  writeFileSync(join(cwd, 'my-config.json'), readFileSync(join(repo, 'deploy', 'config.production.example.json')))

  const record = (name: string) => `node -e 'require("fs").appendFileSync(process.env.DOCS_LOG, JSON.stringify({ command: ${JSON.stringify(name)}, args: process.argv.slice(1), line: Number(process.env.DOCS_LINE || 0) }) + "\\n")' "$@"`
  const write = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\nset -euo pipefail\nPATH="$DOCS_REAL_PATH"\n${body}\n`)
    chmodSync(join(bin, name), 0o755)
  }
  const fail = (why: string) => `echo "line \${DOCS_LINE:-?}: ${why}" >> "$DOCS_FAILURES"; echo "${why}" >&2; exit 1`
  for (const name of RECORDERS) write(name, record(name))
  write('sudo', `${record('sudo')}\nPATH="$DOCS_PATH" exec "$@"`)
  write('aws', `${record('aws')}\nexec ${JSON.stringify(join(aws, 'aws'))} "$@"`)
  write('npx', record('npx'))
  const checks = Object.entries(argumentChecks).map(([script, extra]) => `  ${JSON.stringify(script)}) extra=(${extra.map((e) => JSON.stringify(e)).join(' ')});;`).join('\n')
  write(
    'npm',
    `${record('npm')}
scripts() { node -e 'const s = require(process.argv[1]).scripts; process.stdout.write(Object.keys(s).join("\\n"))' "$PWD/package.json"; }
has() { scripts | grep -qxF -- "$1"; }
case "\${1:-}" in
  ci|install|i|--version|-v) exit 0 ;;
  test|start) has "$1" || { ${fail('npm $1: package.json has no $1 script')}; }; exit 0 ;;
  run|run-script)
    script="\${2:-}"
    has "$script" || { ${fail('npm run $script: package.json has no such script')}; }
    shift 2
    [ "\${1:-}" = "--" ] && shift
    extra=()
    case "$script" in
${checks}
      *) exit 0 ;;
    esac
    command=$(node -e 'process.stdout.write(require(process.argv[1]).scripts[process.argv[2]])' "$PWD/package.json" "$script")
    file=\${command#tsx }
    out=$(PATH="$DOCS_PATH" "$DOCS_NODE" --import tsx "$file" "$@" "\${extra[@]}" 2>&1) || { printf '%s\\n' "$out" >&2; ${fail('npm run $script $*: the script refused its arguments (run with ${extra[*]})')}; }
    exit 0 ;;
  *) ${fail('npm $1: the docs test knows no such npm command')} ;;
esac`,
  )
  return { cwd, bin, tools, prelude: preludeFile, log, failures }
}

/**
 * The prelude every block runs after (BASH_ENV): strict mode, the current line kept for the stubs, and a command that
 * is not found recorded as a failure (bash would carry on past it inside `a && b`).
 */
export function prelude(): string {
  return `# Read by every bash this environment starts: only the block's own takes it, and none of the shells it starts.
unset BASH_ENV
set -Eeuo pipefail
trap 'export DOCS_LINE=$LINENO' DEBUG
command_not_found_handle() { echo "line $DOCS_LINE: $1: command not found (add a stub to scripts/docs-blocks.ts if the docs mean it)" >> "$DOCS_FAILURES"; echo "$1: command not found" >&2; return 127; }
`
}
