// The signer's hasher against Node's own SHA-256 and HMAC: over WebCrypto, and over the SDK's JavaScript SHA-256 where
// a page has no WebCrypto (loaded then, and only then).
import { createHash, createHmac } from 'node:crypto'
import { Sha256Js } from '@smithy/core/checksum'
import { describe, expect, it } from 'vitest'
import { sha256Over } from './sha256.ts'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const text = new TextEncoder()
const inputs = ['', 'AWS4-HMAC-SHA256\n20261201T120000Z', 'é'.repeat(5000)]

describe('the signing hasher', () => {
  let loads = 0
  const loadJs = async () => {
    loads += 1
    return Sha256Js
  }
  const hashers = { WebCrypto: sha256Over(globalThis.crypto.subtle, loadJs), 'no WebCrypto': sha256Over(undefined, loadJs) }

  for (const [where, Sha256] of Object.entries(hashers)) {
    it(`${where}: SHA-256 and HMAC as Node computes them, from chunks, a string key or bytes`, async () => {
      for (const input of inputs) {
        const hash = new Sha256()
        const data = text.encode(input)
        hash.update(data.subarray(0, 3))
        hash.update(data.subarray(3))
        expect(hex(await hash.digest())).toBe(createHash('sha256').update(input).digest('hex'))
        for (const key of ['AWS4secret', text.encode('AWS4secret'), text.encode('xAWS4secret').subarray(1)]) {
          const hmac = new Sha256(key)
          hmac.update(data)
          expect(hex(await hmac.digest())).toBe(createHmac('sha256', 'AWS4secret').update(input).digest('hex'))
        }
      }
    })
  }

  it('keeps what it was given, not a view the caller changes later, and starts again on reset', async () => {
    const Sha256 = hashers.WebCrypto
    const hash = new Sha256()
    const data = text.encode('abc')
    hash.update(data)
    data.fill(0)
    expect(hex(await hash.digest())).toBe(createHash('sha256').update('abc').digest('hex'))
    hash.reset()
    hash.update(text.encode('xyz'))
    expect(hex(await hash.digest())).toBe(createHash('sha256').update('xyz').digest('hex'))
  })

  it('loads the JavaScript SHA-256 only where there is no WebCrypto, or an incomplete one', async () => {
    loads = 0
    await new hashers.WebCrypto().digest()
    expect(loads).toBe(0)
    await new hashers['no WebCrypto']().digest()
    await new (sha256Over({ digest: globalThis.crypto.subtle.digest.bind(globalThis.crypto.subtle) }, loadJs))('k').digest()
    expect(loads).toBe(2)
  })
})
