// SigV4 verification of a request as it was received: its Host header, exactly the headers it signed, and the body
// hashed here (the signer would trust an incoming x-amz-content-sha256, so a tampered body could pass).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { errors } from './wire.ts'

export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000

export interface SigningCredential {
  accessKeyId: string
  secretAccessKey: string
  /** Temporary credentials carry one; a long-term access key (the tools' `test` key) does not. */
  sessionToken?: string
  expiresAt: number
}

export interface ReceivedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface VerifiedRequest<C extends SigningCredential> {
  region: string
  service: string
  /** The credential that signed the request, as the lookup returned it. */
  credential: C
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/

/** Headers every signature must cover, as AWS requires for JSON services. */
export const REQUIRED_SIGNED_HEADERS = ['host', 'x-amz-date', 'x-amz-target', 'content-type']

/** `us-east-2` for `lightsail.us-east-2.amazonaws.com`; undefined for a host that names no region (the emulator's). */
export function regionOfHost(host: string, service: string): string | undefined {
  const name = host.replace(/:\d+$/, '').toLowerCase()
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.amazonaws\.com$/.exec(name)
  return m && m[1] === service ? m[2] : undefined
}

/** `YYYYMMDDTHHMMSSZ`, parsed by hand: `Date.parse` accepts too much. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s] = m.map(Number)
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!))
  // Reject values Date.UTC would roll over, such as month 13 or second 61.
  if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d! || date.getUTCHours() !== h! || date.getUTCSeconds() !== s!) {
    return undefined
  }
  return date
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

export async function verifySigV4<C extends SigningCredential>(
  request: ReceivedRequest,
  lookup: (accessKeyId: string) => C | undefined,
  now: number,
  expectedService: string,
): Promise<VerifiedRequest<C>> {
  const authorization = header(request.headers, 'authorization')
  if (!authorization) throw errors.missingAuthenticationToken()
  const auth = AUTH_PATTERN.exec(authorization)
  if (!auth) {
    throw errors.incompleteSignature(`Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${authorization.split(' ')[0]}`)
  }
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = auth as unknown as string[]
  const signedHeaders = signedHeaderList!.split(';')

  const credential = lookup(accessKeyId!)
  if (!credential) throw errors.unrecognizedClient()
  if (header(request.headers, 'x-amz-security-token') !== credential.sessionToken) throw errors.unrecognizedClient()
  if (credential.expiresAt <= now) throw errors.expiredToken()

  const amzDate = header(request.headers, 'x-amz-date')
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined
  if (!signingDate) throw errors.incompleteSignature('Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.')
  if (Math.abs(signingDate.getTime() - now) > MAX_CLOCK_SKEW_MS) {
    const earlier = signingDate.getTime() < now
    const bound = formatAmzDate(new Date(now + (earlier ? -MAX_CLOCK_SKEW_MS : MAX_CLOCK_SKEW_MS)))
    throw errors.invalidSignature(
      `Signature ${earlier ? 'expired' : 'not yet current'}: ${amzDate} is now ${earlier ? 'earlier' : 'later'} than ${bound} (${formatAmzDate(new Date(now))} ${earlier ? '-' : '+'} 5 min.)`,
    )
  }
  if (scopeDate !== amzDate!.slice(0, 8)) {
    throw errors.invalidSignature(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate!.slice(0, 8)}'`)
  }
  if (service !== expectedService) {
    throw errors.invalidSignature(`Credential should be scoped to correct service: '${expectedService}'.`)
  }
  // A regional host names its region, and the signature must be scoped to it: otherwise a request sent to one region
  // could be answered from another. (The emulator's own loopback address serves every region, as a custom endpoint.)
  const hostRegion = regionOfHost(header(request.headers, 'host') ?? '', expectedService)
  if (hostRegion !== undefined && hostRegion !== region) {
    throw errors.invalidSignature(`Credential should be scoped to a valid region, not '${region}'. `)
  }
  // What the request does (the operation in X-Amz-Target, the body's format) must be covered by the signature, or
  // whoever relays it could swap the operation.
  for (const required of REQUIRED_SIGNED_HEADERS) {
    if (!signedHeaders.includes(required)) {
      throw errors.invalidSignature(`'${required}' must be a 'SignedHeader' in the AWS Authorization.`)
    }
  }

  const bodyHash = createHash('sha256').update(request.body).digest('hex')
  const claimedHash = header(request.headers, 'x-amz-content-sha256')
  if (claimedHash !== undefined && claimedHash !== bodyHash) {
    throw errors.invalidSignature('The provided x-amz-content-sha256 header does not match what was computed.')
  }

  const headers: Record<string, string> = {}
  for (const name of signedHeaders) {
    const value = header(request.headers, name)
    if (value === undefined) throw errors.invalidSignature(`The request signature we calculated does not match the signature you provided. Signed header '${name}' is missing.`)
    headers[name] = value
  }
  const [path, query = ''] = request.path.split('?', 2) as [string, string?]
  const expected = await new SignatureV4({
    service: service!,
    region: region!,
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: credential.secretAccessKey, sessionToken: credential.sessionToken },
    sha256: Sha256,
    applyChecksum: false,
  }).sign(
    new HttpRequest({
      method: request.method,
      protocol: 'https:',
      hostname: headers.host ?? '',
      path: decodeURIComponent(path),
      query: Object.fromEntries(new URLSearchParams(query)),
      headers,
      body: request.body,
    }),
    { signingDate, signableHeaders: new Set(signedHeaders) },
  )
  const recomputed = /Signature=([0-9a-f]{64})/.exec(String(expected.headers.authorization))?.[1] ?? ''
  const recomputedHeaders = /SignedHeaders=([^,]+)/.exec(String(expected.headers.authorization))?.[1]
  const matches =
    recomputedHeaders === signedHeaderList &&
    timingSafeEqual(Buffer.from(recomputed.padEnd(64, '0')), Buffer.from(signature!))
  if (!matches) {
    throw errors.invalidSignature(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    )
  }
  return { region: region!, service: service!, credential }
}
