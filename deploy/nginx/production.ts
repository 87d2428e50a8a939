// The production server block's settings: TLS on 443, the app in /var/www/snapshot-lens, the relays to AWS over
// verified TLS, and the config of deploy/config.production.example.json unless another is named.
import { existsSync, readFileSync } from 'node:fs'
import { parseConfig } from '../../app/config/config.ts'
import type { NginxOptions } from './render.ts'

export interface ProductionSettings {
  configFile?: string
  serverName?: string
  root?: string
  resolver?: string
  certificate?: string
  key?: string
}

export function productionOptions(settings: ProductionSettings = {}): NginxOptions {
  const configFile = settings.configFile ?? new URL('../config.production.example.json', import.meta.url).pathname
  const serverName = settings.serverName ?? 'lens.example.com'
  return {
    // `listen … http2` rather than `http2 on`: Debian 12's nginx is 1.22.
    listen: '443 ssl http2',
    serverName,
    root: settings.root ?? '/var/www/snapshot-lens',
    base: '/',
    upstream: 'aws',
    config: parseConfig(JSON.parse(readFileSync(configFile, 'utf8'))),
    // systemd-resolved's stub on Debian and Ubuntu; in an AWS VPC, 169.254.169.253.
    resolver: settings.resolver ?? '127.0.0.53',
    trustedCertificates: '/etc/ssl/certs/ca-certificates.crt',
    tls: {
      certificate: settings.certificate ?? `/etc/letsencrypt/live/${serverName}/fullchain.pem`,
      key: settings.key ?? `/etc/letsencrypt/live/${serverName}/privkey.pem`,
    },
  }
}

/** Where Debian (or a local build) puts nginx; undefined when it is not installed. */
export function nginxBinary(): string | undefined {
  return ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'].find(existsSync)
}
