// The admin API under /_emulator/: for tests and demos to reset state, inject faults and read counters. It changes
// what the emulator answers, so no web page may reach it: only loopback Host values (no DNS rebinding), no Origin
// other than the emulator's own (no cross-site form or no-cors fetch), and JSON bodies only (which a page cannot send
// cross-origin without a preflight, and preflights to the admin API are refused).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody, sendJson } from './wire.ts'

export type AdminRoute = (body: Record<string, unknown>, reply: (status: number, body: unknown) => void) => void | Promise<void>

const LOOPBACK_HOST = /^(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])(?::\d{1,5})?$/i

/** Why this request may not use the admin API, or undefined. */
export function adminRefusal(req: IncomingMessage): string | undefined {
  const host = req.headers.host ?? ''
  if (!LOOPBACK_HOST.test(host)) return `the admin API answers loopback hosts only, not ${JSON.stringify(host.slice(0, 80))}`
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${host}`) return `the admin API answers no web page (Origin ${JSON.stringify(origin.slice(0, 80))})`
  if (req.method === 'OPTIONS') return 'the admin API allows no cross-origin requests'
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0'
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if ((req.method === 'POST' || hasBody || req.headers['transfer-encoding'] !== undefined) && type !== 'application/json') {
    return 'the admin API takes JSON bodies only (Content-Type: application/json)'
  }
  return undefined
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, routes: Record<string, AdminRoute>): Promise<void> {
  const refused = adminRefusal(req)
  if (refused) return sendJson(res, 403, { error: refused }, { connection: 'close' })
  let body: Record<string, unknown> = {}
  try {
    const raw = await readBody(req, 64 * 1024)
    if (raw.length > 0) {
      const parsed: unknown = JSON.parse(raw.toString('utf8'))
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object')
      body = parsed as Record<string, unknown>
    }
  } catch {
    return sendJson(res, 400, { error: 'the body must be a JSON object' })
  }
  const route = `${req.method} ${path}`
  const handler = routes[route]
  if (!handler) {
    return sendJson(res, 404, { error: `no admin route ${route}`, routes: Object.keys(routes).map((r) => r.replace('/_emulator/', '')) })
  }
  await handler(body, (status, answer) => sendJson(res, status, answer))
}
