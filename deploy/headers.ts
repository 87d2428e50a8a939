// The response headers every page of Snapshot Lens is served with, in production (nginx, CloudFront) and in the
// tests that prove them, built from the runtime config: what the page may load and connect to, and who may frame it.
// One source: deploy/nginx renders them, deploy/aws's template is checked against them.
import type { AppConfig } from '../app/config/config.ts'

const origin = (url: string) => new URL(url).origin

/** Where the page's own scripts may connect: itself (the relays), and the services the config calls directly. */
export function connectSources(config: AppConfig): string[] {
  const sources = new Set<string>(["'self'"])
  if (config.auth) {
    // The provider's discovery document, keys and token endpoint; Cognito's token endpoint is on its hosted domain,
    // which is also where its logout page is.
    sources.add(origin(config.auth.authority))
    if (config.auth.logoutUrl) sources.add(origin(config.auth.logoutUrl))
  }
  if (!config.cognito.relayPath) sources.add(origin(config.cognito.endpoint ?? `https://cognito-identity.${config.cognito.region}.amazonaws.com`))
  if (config.lightsail.mode === 'direct') sources.add(origin(config.lightsail.endpoint))
  return [...sources]
}

/**
 * The Content Security Policy: nothing inline, nothing evaluated, nothing from elsewhere; Trusted Types required (the
 * app writes no HTML from strings); framed only by the portals in `embed.allowedOrigins`.
 */
export function contentSecurityPolicy(config: AppConfig): string {
  const ancestors = config.embed.allowedOrigins.length > 0 ? config.embed.allowedOrigins.join(' ') : "'none'"
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connectSources(config).join(' ')}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
    `frame-ancestors ${ancestors}`,
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ')
}

/** Header name → value, for every response of the site (the relays' answers included). */
export function securityHeaders(config: AppConfig): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(config),
    // Links out of the dashboard carry no URL (a snapshot's name and region stay here).
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-read=()',
    'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
    // An internal dashboard: kept out of search engines (robots.txt says the same to crawlers that read it).
    'X-Robots-Tag': 'noindex, nofollow',
    // Older browsers that ignore frame-ancestors: no framing at all when no portal is allowed.
    ...(config.embed.allowedOrigins.length === 0 ? { 'X-Frame-Options': 'DENY' } : {}),
    // No Cross-Origin-Opener-Policy: the popup sign-in of an embedded frame hands its result back through
    // window.opener, which a COOP other than unsafe-none would cut.
  }
}

/** What embed.js adds to the site's headers: portals load it from their own pages (docs/embedding.md). */
export const EMBED_SCRIPT_HEADERS = { 'Cross-Origin-Resource-Policy': 'cross-origin' } as const

/** How long each kind of file may be cached. Hashed assets never change; the rest is revalidated on every load. */
export const CACHING = {
  hashed: 'public, max-age=31536000, immutable',
  revalidate: 'no-cache',
  relay: 'no-store',
} as const

export const ROBOTS_TXT = 'User-agent: *\nDisallow: /\n'
