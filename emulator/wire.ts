// The JSON 1.1 wire format both AWS services here speak: bodies, errors and the headers every response carries.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

export const JSON_11 = 'application/x-amz-json-1.1'

/** An error answered the way AWS answers it: a status, a `__type`, a message, and service-specific fields. */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message)
  }
}

/** Every error the emulator can answer, named once, with the status AWS uses. */
export const errors = {
  // Answered by the AWS front end before any service sees the request.
  unknownOperation: (target: string) => new AwsError(400, 'UnknownOperationException', `Unknown operation ${target}`),
  missingAuthenticationToken: () =>
    new AwsError(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token'),
  incompleteSignature: (detail: string) => new AwsError(400, 'IncompleteSignatureException', detail),
  unrecognizedClient: () =>
    new AwsError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.'),
  invalidSignature: (message: string) => new AwsError(400, 'InvalidSignatureException', message),
  expiredToken: () => new AwsError(400, 'ExpiredTokenException', 'The security token included in the request is expired'),
  throttling: () => new AwsError(400, 'ThrottlingException', 'Rate exceeded'),
  serializationError: () => new AwsError(400, 'SerializationException', 'Start of structure or map found where not expected.'),
  internalFailure: () => new AwsError(500, 'InternalFailure', 'We encountered an internal error. Please try again.'),
  serviceUnavailable: () => new AwsError(503, 'ServiceUnavailable', 'Service is unavailable. Please try again later.'),
}

export function requestId(): string {
  return randomUUID()
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': JSON_11,
    'content-length': Buffer.byteLength(text),
    date: new Date().toUTCString(),
    ...headers,
  })
  res.end(text)
}

export function sendError(res: ServerResponse, error: AwsError, headers: Record<string, string> = {}): void {
  sendJson(res, error.status, { __type: error.type, message: error.message, ...error.extra }, {
    'x-amzn-errortype': error.type,
    ...headers,
  })
}

/** The largest request body the emulator reads; AWS's JSON APIs refuse far smaller bodies than anyone sends them. */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * Reads a request body up to `limitBytes`. A larger one is refused with 413 from its declared Content-Length before
 * any of it is read, or as soon as it grows past the limit (a chunked upload): it is never buffered whole.
 */
export async function readBody(req: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () => new AwsError(413, 'RequestEntityTooLargeException', `Request body is too large: the limit is ${limitBytes} bytes`)
  const declared = req.headers['content-length']
  if (declared !== undefined && !(Number(declared) <= limitBytes)) throw tooLarge()
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limitBytes) return void chunks.push(chunk)
      // Stop reading but keep the socket, so the 413 can still be sent; the connection closes after it.
      req.off('data', onData)
      req.pause()
      reject(tooLarge())
    }
    req.on('data', onData)
    req.once('end', () => resolve(Buffer.concat(chunks)))
    req.once('error', reject)
  })
}

/** Parses a JSON 1.1 body; an empty body is an empty object, as AWS takes it. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    throw errors.serializationError()
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.serializationError()
  return parsed as Record<string, unknown>
}

/** JSON 1.1 timestamps are epoch seconds, with milliseconds as a fraction. */
export function epochSeconds(date: Date): number {
  return Math.round(date.getTime()) / 1000
}

/**
 * A model value as JSON 1.1 sends it: Dates become epoch seconds, at any depth, and the emulator's own bookkeeping
 * (`follows`: the snapshot an operation follows) is never sent.
 */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return epochSeconds(value)
  if (Array.isArray(value)) return value.map(toWire)
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) if (key !== 'follows' && v !== undefined) out[key] = toWire(v)
    return out
  }
  return value
}
