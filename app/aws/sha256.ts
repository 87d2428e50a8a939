// SHA-256 and HMAC-SHA-256 for signing requests (SigV4), through the browser's WebCrypto. The SDK's own hasher carries
// a JavaScript SHA-256 (about 1.5 KB gzip) in every first load for the pages WebCrypto is missing from (served over
// plain http from a host other than localhost); here that implementation loads only on such a page, when first needed.
// The build puts this hasher where the SDK's was (scripts/vite-sdk-size.ts, `sha256JsWhenNeeded`), with the loader of
// the SDK's own JavaScript SHA-256.
import type { Checksum, ChecksumConstructor, SourceData } from '@smithy/types'

/** Loads a JavaScript SHA-256 (the SDK's `Sha256Js`): HMAC when given a secret. */
export type LoadSha256Js = () => Promise<ChecksumConstructor>

type Subtle = Pick<SubtleCrypto, 'digest' | 'importKey' | 'sign'>

function bytes(data: SourceData): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return new TextEncoder().encode(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
  return new Uint8Array(data).slice()
}

function joined(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
  let at = 0
  for (const chunk of chunks) {
    all.set(chunk, at)
    at += chunk.byteLength
  }
  return all
}

function usable(subtle: Partial<Subtle> | undefined): Subtle | undefined {
  return typeof subtle?.digest === 'function' && typeof subtle.importKey === 'function' && typeof subtle.sign === 'function' ? (subtle as Subtle) : undefined
}

/** A hasher over `subtle` (WebCrypto), or where there is none over a JavaScript SHA-256 loaded on first use. */
export function sha256Over(subtle: Partial<Subtle> | undefined, loadSha256Js: LoadSha256Js): ChecksumConstructor {
  const crypto = usable(subtle)
  return class Sha256 implements Checksum {
    readonly digestLength = 32
    private chunks: Uint8Array[] = []
    private readonly secret: Uint8Array<ArrayBuffer> | undefined
    constructor(secret?: SourceData) {
      this.secret = secret === undefined ? undefined : bytes(secret)
    }
    update(chunk: Uint8Array): void {
      this.chunks.push(chunk.slice())
    }
    async digest(): Promise<Uint8Array> {
      const data = joined(this.chunks)
      if (!crypto) {
        const fallback = new (await loadSha256Js())(this.secret)
        fallback.update(data)
        return fallback.digest()
      }
      if (this.secret === undefined) return new Uint8Array(await crypto.digest('SHA-256', data))
      const key = await crypto.importKey('raw', this.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
      return new Uint8Array(await crypto.sign('HMAC', key, data))
    }
    reset(): void {
      this.chunks = []
    }
  }
}
