// botocore's model of Lightsail, the outside truth the emulator's answers are checked against: it is what the AWS CLI
// and boto3 are generated from. Read from the installed botocore (it comes with the AWS CLI), never copied here.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

export interface Shape {
  type: string
  members?: Record<string, { shape: string }>
  member?: { shape: string }
  enum?: string[]
  required?: string[]
}

export interface ServiceModel {
  operations: Record<string, { input?: { shape: string }; output?: { shape: string }; errors?: { shape: string }[] }>
  shapes: Record<string, Shape>
}

/** botocore's data folder, found through the Python that has it. */
export function botocoreData(): string {
  let dir: string
  try {
    dir = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error('botocore is not installed: it comes with the AWS CLI (pip install awscli); the emulator is checked against its model')
  }
  return join(dir, 'data')
}

function readJson(path: string): unknown {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'))
  if (existsSync(`${path}.gz`)) return JSON.parse(gunzipSync(readFileSync(`${path}.gz`)).toString('utf8'))
  throw new Error(`botocore has no ${path}`)
}

export function lightsailModel(): ServiceModel {
  return readJson(join(botocoreData(), 'lightsail', '2016-11-28', 'service-2.json')) as ServiceModel
}

/** The regions where botocore's endpoint data says a service answers, in the standard partition. */
export function serviceRegions(service: string): string[] {
  const endpoints = readJson(join(botocoreData(), 'endpoints.json')) as { partitions: { partition: string; services: Record<string, { endpoints: Record<string, unknown> }> }[] }
  const aws = endpoints.partitions.find((p) => p.partition === 'aws')!
  return Object.keys(aws.services[service]?.endpoints ?? {}).sort()
}

/**
 * Every way a JSON value (as sent on the wire: timestamps as epoch seconds) departs from a shape of the model: members
 * the model does not have, values of the wrong type, strings outside an enum. Empty when it conforms.
 */
export function shapeProblems(model: ServiceModel, shapeName: string, value: unknown, path = '$'): string[] {
  const shape = model.shapes[shapeName]
  if (!shape) return [`${path}: the model has no shape ${shapeName}`]
  const problems: string[] = []
  const wrong = (expected: string) => problems.push(`${path}: expected ${expected} (${shapeName}), got ${JSON.stringify(value)?.slice(0, 80)}`)
  switch (shape.type) {
    case 'structure':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        wrong('an object')
        break
      }
      for (const [key, v] of Object.entries(value)) {
        const member = shape.members?.[key]
        if (!member) problems.push(`${path}.${key}: not a member of ${shapeName}`)
        else problems.push(...shapeProblems(model, member.shape, v, `${path}.${key}`))
      }
      break
    case 'list':
      if (!Array.isArray(value)) wrong('a list')
      else value.forEach((item, i) => problems.push(...shapeProblems(model, shape.member!.shape, item, `${path}[${i}]`)))
      break
    case 'string':
      if (typeof value !== 'string') wrong('a string')
      else if (shape.enum && !shape.enum.includes(value)) problems.push(`${path}: "${value}" is not one of ${shapeName}'s values`)
      break
    case 'boolean':
      if (typeof value !== 'boolean') wrong('a boolean')
      break
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) wrong('an integer')
      break
    case 'float':
    case 'double':
      if (typeof value !== 'number') wrong('a number')
      break
    case 'timestamp':
      if (typeof value !== 'number') wrong('epoch seconds')
      break
    default:
      problems.push(`${path}: shape type ${shape.type} is not checked`)
  }
  return problems
}

/**
 * The JSON outputs of the AWS CLI's own examples for a command (`aws lightsail <command> help` prints them): what the
 * real service answered when the examples were written. Where an output was shortened with `...`, what is before the
 * cut is kept.
 */
export function cliExampleOutputs(command: string): unknown[] {
  let dir: string
  try {
    dir = execFileSync('python3', ['-c', 'import awscli, os; print(os.path.dirname(awscli.__file__))'], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error('the AWS CLI (awscli) is not installed: its examples are an outside check of the emulator')
  }
  const text = readFileSync(join(dir, 'examples', 'lightsail', `${command}.rst`), 'utf8')
  const outputs: unknown[] = []
  for (const block of text.split('Output::').slice(1)) {
    const lines = block.split('\n').slice(1)
    const body: string[] = []
    for (const line of lines) {
      if (line.trim() === '' && body.length === 0) continue
      if (line.trim() !== '' && !line.startsWith('    ')) break
      body.push(line)
    }
    // An example shortened by hand ("...") keeps the entries before the cut.
    const kept = body.filter((line, i) => line.trim() !== '...' && !(body[i - 1]?.trim() === '...' && /^\s*}\s*$/.test(line)))
    const text = kept.join('\n').replace(/,(\s*[\]}])/g, '$1')
    try {
      outputs.push(JSON.parse(text))
    } catch {
      // Not JSON even so: left out.
    }
  }
  return outputs
}
