// The clean-up as a shell script a person reviews and runs: never an action of the app, whose role stays read-only.
// Every value is shell-quoted whatever a replayed account holds, and passed as `--flag=value`, so a name that starts
// with "-" cannot be read as an option.
import type { Candidate } from './cleanup.ts'

/** One shell word, single-quoted: nothing inside is expanded ($(...), backticks, quotes, newlines). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/** Text for a comment line: control characters (newlines among them) cannot end the comment. */
function commentText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
}

export interface ScriptHeader {
  /** The rules, as words and as the link's parameters. */
  rules: string[]
  link: string
  date: string
  regions: string[]
  savings: string
}

export function deleteCommand(c: Candidate): string {
  const { row } = c
  return row.kind === 'disk'
    ? `aws lightsail delete-disk-snapshot --region=${shellQuote(row.region)} --disk-snapshot-name=${shellQuote(row.name)}`
    : `aws lightsail delete-instance-snapshot --region=${shellQuote(row.region)} --instance-snapshot-name=${shellQuote(row.name)}`
}

export function cleanupScript(candidates: readonly Candidate[], header: ScriptHeader, money: (amount: number) => string): string {
  const lines = [
    '#!/usr/bin/env bash',
    `# Snapshot Lens clean-up: deletes ${candidates.length} snapshot${candidates.length === 1 ? '' : 's'}, chosen by these rules:`,
    ...header.rules.map((r) => `#   ${commentText(r)}`),
    `# Made ${commentText(header.date)} from ${commentText(header.link)}`,
    `# Regions looked at: ${commentText(header.regions.join(', '))}`,
    `# Saves ${commentText(header.savings)} (Lightsail bills what a snapshot stores; this counts the provisioned size).`,
    '#',
    '# Nothing here runs by itself. Read every line, then run it with credentials allowed to delete snapshots:',
    '#   bash snapshot-cleanup.sh',
    '# A deleted snapshot cannot be recovered.',
    'set -euo pipefail',
    '',
  ]
  for (const c of candidates) {
    lines.push(`# ${commentText(`${c.row.region} ${c.row.kind} snapshot ${c.row.name}: ${c.reasons.join('; ')}; ${money(c.monthly)}`)}`)
    lines.push(deleteCommand(c))
  }
  return `${lines.join('\n')}\n`
}
