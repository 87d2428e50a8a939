// nginx configuration for Snapshot Lens, generated from the relay rules (app/lib/relay-rules.ts), the runtime config
// (relay paths, sign-in, portals) and the security headers (deploy/headers.ts): one source for what the dev relay,
// nginx and CloudFront allow. `npm run nginx:config` writes deploy/nginx/snapshot-lens.conf; `npm run serve:nginx`
// renders a complete nginx.conf around the same server block and runs Debian's nginx in the foreground.
import type { AppConfig } from '../../app/config/config.ts'
import {
  BAD_REGION_MESSAGE,
  COGNITO_RELAY,
  LIGHTSAIL_RELAY,
  normalizeRelayPath,
  RELAY_ERRORS,
  RELAY_RULES,
  relayRegions,
  scopeMessage,
  SIGV4_SOURCE,
  targetsMessage,
  type RelayedService,
} from '../../app/lib/relay-rules.ts'
import { CACHING, EMBED_SCRIPT_HEADERS, ROBOTS_TXT, securityHeaders } from '../headers.ts'

export interface NginxOptions {
  /** `listen` value: a port, or address:port. */
  listen: string
  /** The server_name; `_` for any. */
  serverName: string
  /** The directory that holds the built app at `base` (the app's files are at root + base). */
  root: string
  /** The path the app is served under: `/`, or `/lightsail/`. */
  base: string
  /** `aws` for the real regional endpoints (over TLS, verified), or a base URL such as the emulator's. */
  upstream: string
  config: AppConfig
  /** DNS resolver for the AWS endpoints (nginx resolves names in variables at request time). */
  resolver: string
  /** CA bundle the upstream's certificate is verified against. */
  trustedCertificates: string
  /** Serve this file as config.json instead of the one in the build. */
  configFile?: string
  /** TLS on this server (production): certificate and key files; plain HTTP on port 80 then redirects to it. */
  tls?: { certificate: string; key: string; /** false: no port-80 redirect (a local server on a port of its own). */ redirect?: boolean }
}

/** Response headers an upstream may send that never reach the browser: nginx has no allow-list for responses. */
export const HIDDEN_UPSTREAM_HEADERS = [
  'Set-Cookie',
  'Set-Cookie2',
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Headers',
  'Access-Control-Allow-Methods',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
  'Content-Security-Policy',
  'Content-Security-Policy-Report-Only',
  'Strict-Transport-Security',
  'X-Frame-Options',
  'X-Content-Type-Options',
  'Referrer-Policy',
  'Permissions-Policy',
  'Cross-Origin-Opener-Policy',
  'Cross-Origin-Embedder-Policy',
  'Cross-Origin-Resource-Policy',
  'Cache-Control',
  'Expires',
  'Pragma',
  'ETag',
  'Last-Modified',
  'Location',
  'Refresh',
  'Link',
  'Content-Disposition',
  'Content-Location',
  'Alt-Svc',
  'Server',
  'X-Powered-By',
  'Via',
  'WWW-Authenticate',
  'Proxy-Authenticate',
  'Clear-Site-Data',
  'Report-To',
  'NEL',
  'Vary',
]

/** A string as an nginx quoted value: the regular expressions here contain `{…}`, which unquoted would end a block. */
const q = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
/** A regular expression as an nginx quoted value (backslashes kept as they are: nginx passes them to PCRE). */
const re = (source: string) => `"${source.replace(/"/g, '\\"')}"`
/** `return <status> <JSON error body in Lightsail's shape>`, for one of the relays' own answers. */
const answer = (error: { status: number; type: string }, message: string) =>
  `return ${error.status} '${JSON.stringify({ __type: error.type, message }).replace(/'/g, "\\'")}'`

function headerLines(headers: Record<string, string>, indent: string): string[] {
  return Object.entries(headers).map(([name, value]) => `${indent}add_header ${name} ${q(value)} always;`)
}

/** `$sl_h_x_amz_date` for `x-amz-date`: a request header as the rules see it (see `headerMaps`). */
const seen = (name: string) => `$sl_h_${name.replace(/-/g, '_')}`
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Each forwarded header as the rules see it: empty when `Connection` names it (a hop-by-hop header never goes on, so it
 * is never checked either), else its value (nginx 1.22 gives the first of repeated headers, the one it forwards).
 */
function headerMaps(): string {
  return RELAY_RULES.requestHeaders
    .map(
      (name) => `map $http_connection ${seen(name)} {
  ${re(`~*(^|,)\\s*${escapeRegex(name)}\\s*(,|$)`)} "";
  default $http_${name.replace(/-/g, '_')};
}`,
    )
    .join('\n')
}

function relayLocation(service: RelayedService, path: string, options: NginxOptions, headers: Record<string, string>): string {
  const prefix = normalizeRelayPath(path)
  const id = service.name.replace(/-/g, '_')
  const relayHeaders = { ...headers, 'Cache-Control': CACHING.relay }
  const h = (indent: string) => headerLines(relayHeaders, indent).join('\n')
  const aws = options.upstream === 'aws'
  const hostOf = service.host('$sl_region')
  const upstream = aws ? `https://$sl_${id}_host` : new URL(options.upstream).origin
  const regions = relayRegions(service, options.config.cognito.region)
  const signed = service.signed
    ? [
        `      if ($sl_sigv4 = 0) { ${answer(RELAY_ERRORS.unsigned, RELAY_ERRORS.unsigned.message)}; }`,
        `      if ($sl_${id}_scope = 0) { ${answer(RELAY_ERRORS.forbidden, scopeMessage(service))}; }`,
      ]
    : []
  const targets = `^(${service.targets.map(escapeRegex).join('|')})$`
  return `
  # The ${service.name} relay: POST ${prefix}/<region>/ goes to ${service.host('<region>')}, path /.
  location ^~ ${prefix}/ {
    default_type application/x-amz-json-1.1;
${h('    ')}
    client_max_body_size ${RELAY_RULES.maxBodyBytes / 1024}k;
    # The body comes with the headers: a pause between two of its pieces ends the request, unanswered.
    client_body_timeout ${RELAY_RULES.bodyIdleTimeoutMs / 1000}s;
    error_page 413 @sl_too_large;
    error_page 502 @sl_unreachable;
    error_page 504 @sl_timeout;
    location ~ ${re(`^${escapeRegex(prefix)}/(?<sl_region>${regions.map(escapeRegex).join('|')})/?$`)} {
      default_type application/x-amz-json-1.1;
${h('      ')}
      if ($request_method != ${RELAY_RULES.method}) { ${answer(RELAY_ERRORS.method, RELAY_ERRORS.method.message)}; }
      if ($http_content_length = "") { ${answer(RELAY_ERRORS.tooLarge, RELAY_ERRORS.tooLarge.message)}; }
${signed.join('\n')}
      if (${seen('x-amz-target')} !~ ${re(targets)}) { ${answer(RELAY_ERRORS.forbidden, targetsMessage(service))}; }
      set $sl_${id}_host ${hostOf};
      proxy_http_version 1.1;
      proxy_pass_request_headers off;
      proxy_set_header Host $sl_${id}_host;
${RELAY_RULES.requestHeaders.map((name) => `      proxy_set_header ${name} ${seen(name)};`).join('\n')}
      proxy_set_header Connection "";
${HIDDEN_UPSTREAM_HEADERS.map((name) => `      proxy_hide_header ${name};`).join('\n')}
      proxy_connect_timeout ${RELAY_RULES.connectTimeoutMs / 1000}s;
      proxy_send_timeout ${RELAY_RULES.answerTimeoutMs / 1000}s;
      proxy_read_timeout ${RELAY_RULES.answerTimeoutMs / 1000}s;
      proxy_buffering on;
      proxy_request_buffering on;
${
  aws
    ? `      # TLS to AWS: the certificate verified against the system's CA store, for the host this region's name makes.
      proxy_ssl_verify on;
      proxy_ssl_verify_depth 4;
      proxy_ssl_trusted_certificate ${options.trustedCertificates};
      proxy_ssl_server_name on;
      proxy_ssl_name $sl_${id}_host;
      proxy_ssl_protocols TLSv1.2 TLSv1.3;
`
    : ''
}      rewrite ^ / break;
      proxy_pass ${upstream};
    }
    ${answer(RELAY_ERRORS.badRegion, BAD_REGION_MESSAGE)};
  }`
}

/** The server block (and the maps it uses): what goes in `http { … }`. */
export function renderServer(options: NginxOptions): string {
  const { config } = options
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`
  const headers = securityHeaders(config)
  const h = (extra: Record<string, string>, indent: string) => headerLines({ ...headers, ...extra }, indent).join('\n')
  const lightsailPath = config.lightsail.mode === 'relay' ? config.lightsail.relayPath : undefined
  const cognitoPath = config.cognito.relayPath
  // The signature parsed as relay-rules parses it, with the path's region and the relay's service in their places.
  const scoped = (service: RelayedService) => SIGV4_SOURCE.replace('/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request', `/\\1/${service.name}/aws4_request`)
  const scopeMap = (service: RelayedService) =>
    `map "$sl_region:${seen('authorization')}" $sl_${service.name.replace(/-/g, '_')}_scope {
  default 0;
  ${re(`~^([a-z0-9-]+):${scoped(service).slice(1)}`)} 1;
}`
  const relayPrefixes = [lightsailPath, cognitoPath].filter((p): p is string => p !== undefined).map((p) => escapeRegex(normalizeRelayPath(p)))
  return `# Snapshot Lens behind nginx. Generated from app/lib/relay-rules.ts, the runtime config and deploy/headers.ts
# (npm run nginx:config); edit those and generate again rather than this file.

# The forwarded request headers as the relay rules see them.
${headerMaps()}
# An Authorization header that is AWS Signature Version 4.
map ${seen('authorization')} $sl_sigv4 {
  default 0;
  ${re(`~${SIGV4_SOURCE}`)} 1;
}
# The signature's credential scope names the region of the path, and the relay's service.
${scopeMap(LIGHTSAIL_RELAY)}
# A request to one of the relays: its malformed requests are answered in Lightsail's error shape.
map $uri $sl_relay_request {
  default 0;
  ${re(`~^(${relayPrefixes.length > 0 ? relayPrefixes.join('|') : '$^'})/`)} 1;
}

${
  options.tls && options.tls.redirect !== false
    ? `server {
  listen 80;
  server_name ${options.serverName};
  server_tokens off;
  return 301 https://$host$request_uri;
}

`
    : ''
}server {
  listen ${options.listen};
  server_name ${options.serverName};${
    options.tls
      ? `
  ssl_certificate ${options.tls.certificate};
  ssl_certificate_key ${options.tls.key};
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_session_cache shared:snapshot_lens:10m;`
      : ''
  }
  root ${options.root};
  server_tokens off;
  charset utf-8;
  ${options.upstream === 'aws' ? `resolver ${options.resolver} valid=60s ipv6=off;\n  resolver_timeout 5s;` : `# Relays go to ${options.upstream} (Host set to the real regional host, as AWS would see it).`}

  # A repeated Authorization or Content-Length is refused by nginx as it reads the headers, before any location.
  error_page 400 @sl_bad_request;

  gzip on;
  gzip_vary on;
  gzip_min_length 512;
  gzip_types text/css application/javascript text/javascript application/json image/svg+xml text/plain;

  # Every response carries the security headers (add_header is repeated in each location: nginx drops the outer ones
  # wherever a location sets its own).
${h({ 'Cache-Control': CACHING.revalidate }, '  ')}

  # The app: index.html, config.json and embed.js revalidated on every load; hashed assets cached for good.
  location = ${base} {
${h({ 'Cache-Control': CACHING.revalidate }, '    ')}
    try_files /${base.slice(1)}index.html =404;
  }
  location = ${base}index.html {
${h({ 'Cache-Control': CACHING.revalidate }, '    ')}
  }
  location = ${base}config.json {
${h({ 'Cache-Control': CACHING.revalidate }, '    ')}${options.configFile ? `
    alias ${options.configFile};` : ''}
  }
  location = ${base}embed.js {
    # Loaded by portals on other origins.
${h({ 'Cache-Control': CACHING.revalidate, ...EMBED_SCRIPT_HEADERS }, '    ')}
  }
  location ^~ ${base}assets/ {
${h({ 'Cache-Control': CACHING.hashed }, '    ')}
    # Source maps are not published.
    location ~ "\\.map$" { return 404; }
  }
  location = /robots.txt {
    default_type text/plain;
${h({ 'Cache-Control': CACHING.revalidate }, '    ')}
    return 200 "${ROBOTS_TXT.replace(/\n/g, '\\n')}";
  }
  location ~ "\\.map$" {
    return 404;
  }
${lightsailPath ? relayLocation(LIGHTSAIL_RELAY, lightsailPath, options, headers) : ''}
${cognitoPath ? relayLocation(COGNITO_RELAY, cognitoPath, options, headers) : ''}

  # The relays' own failures, in Lightsail's error shape.
  location @sl_bad_request {
    default_type application/x-amz-json-1.1;
${h({ 'Cache-Control': CACHING.relay }, '    ')}
    if ($sl_relay_request = 0) { return 400; }
    ${answer(RELAY_ERRORS.ambiguous, RELAY_ERRORS.ambiguous.message)};
  }
  location @sl_too_large {
    default_type application/x-amz-json-1.1;
${h({ 'Cache-Control': CACHING.relay }, '    ')}
    ${answer(RELAY_ERRORS.tooLarge, RELAY_ERRORS.tooLarge.message)};
  }
  location @sl_unreachable {
    default_type application/x-amz-json-1.1;
${h({ 'Cache-Control': CACHING.relay }, '    ')}
    ${answer(RELAY_ERRORS.unavailable, 'The relay could not reach AWS')};
  }
  location @sl_timeout {
    default_type application/x-amz-json-1.1;
${h({ 'Cache-Control': CACHING.relay }, '    ')}
    ${answer(RELAY_ERRORS.timeout, `AWS did not answer within ${RELAY_RULES.answerTimeoutMs / 1000} s`)};
  }
}
`
}

/** A complete nginx.conf for running in the foreground as any user: temp paths under `prefix`. */
export function renderMain(options: NginxOptions, prefix: string, mimeTypes = '/etc/nginx/mime.types'): string {
  return `# Snapshot Lens: nginx in the foreground (npm run serve:nginx).
daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
  include ${mimeTypes};
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  sendfile on;
  # Relay bodies (64 KiB at most) stay in memory.
  client_body_buffer_size 64k;
  keepalive_timeout 65;
${renderServer(options)
  .split('\n')
  .map((line) => (line ? `  ${line}` : line))
  .join('\n')}
}
`
}
