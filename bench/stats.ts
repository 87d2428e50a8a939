// Small numeric helpers for the benchmark's figures.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

export interface Sizes {
  raw: number
  gzip: number
  brotli: number
}

export const ZERO: Sizes = { raw: 0, gzip: 0, brotli: 0 }

export function sizes(buffer: Buffer): Sizes {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}

export const add = (a: Sizes, b: Sizes): Sizes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli })

export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`
export const ms = (value: number): string => `${Math.round(value)} ms`
