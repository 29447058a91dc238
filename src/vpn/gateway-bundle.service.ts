import { Injectable } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Clock } from '../common/clock';
import { Conflict, NotFound, ValidationFailed } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Certificates } from '../pki';
import { addressPool } from './domain/address-pool';
import { renderNftablesRuleset } from './domain/nftables-ruleset';
import { GATEWAY_DIR_DEFAULT, installDirProblem, renderServerConf, tunDeviceOf } from './domain/openvpn-server-conf';
import { renderBundleReadme } from './gateway-bundle-readme';
import { GatewayAllowList } from './gateway-allow-list.service';
import { VpnGatewayEntity } from './vpn-gateway.entity';
import { VpnGatewayRepository } from './vpn-gateway.repository';
import { VpnSettings } from './vpn-settings';

export interface BundleFile {
  /** Relative to the install directory. */
  path: string;
  /** Permission bits in octal, as chmod takes them ("0755"). */
  mode: string;
  content: string;
}

export interface GatewayBundle {
  gatewayId: string;
  gatewayName: string;
  generatedAt: string;
  installDir: string;
  files: BundleFile[];
}

export interface BundleOptions {
  /** Where the gateway administrator installs the bundle (absolute; default /etc/openvpn). */
  installDir?: string;
  /** The URL the gateway reaches the service at (default PUBLIC_BASE_URL, else http://localhost:PORT). */
  serviceUrl?: string;
}

/** The scripts of the repository folder `gateway/` that go into every bundle, under remote-work/. */
const SCRIPTS = ['connect-check.sh', 'crl-refresh.sh', 'allow-list-refresh.sh'] as const;

let scriptsDir: string | null = null;

/**
 * The repository folder `gateway/` (the scripts, maintained as files and tested there), found upwards from this file:
 * src/vpn/ when running from the sources (tests, CLI in development), dist/src/vpn/ when running the build.
 */
export function gatewayScriptsDir(): string {
  if (scriptsDir) return scriptsDir;
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'gateway', 'connect-check.sh'))) return (scriptsDir = path.join(dir, 'gateway'));
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`the gateway scripts folder (gateway/connect-check.sh) was not found above ${__dirname}`);
    dir = parent;
  }
}

function setLine(conf: string, key: string, value: string): string {
  const line = `${key}=${value}`;
  const re = new RegExp(`^${key}=.*$`, 'm');
  return re.test(conf) ? conf.replace(re, line) : `${conf.replace(/\n?$/, '\n')}${line}\n`;
}

/**
 * What a gateway administrator installs, always rendered from the current state (config/vpn.json, the gateway
 * records, the CA, the current CRL, the allow-list signing key, the scripts of `gateway/`): downloading it again
 * after a change gives the new state. Never a secret: no private key (the server key is made for the gateway, the
 * gateway's token is created apart and written only into its TOKEN_FILE).
 */
@Injectable()
export class GatewayBundleService {
  constructor(
    private readonly gateways: VpnGatewayRepository,
    private readonly settings: VpnSettings,
    private readonly certificates: Certificates,
    private readonly allowList: GatewayAllowList,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A gateway by id or by name (the CLI takes either). */
  async resolve(idOrName: string): Promise<VpnGatewayEntity> {
    const g = (await this.gateways.findByName(idOrName)) ?? (/^[0-9a-f-]{36}$/i.test(idOrName) ? await this.gateways.findById(idOrName) : null);
    if (!g) throw NotFound.entity('VPN_GATEWAY_NOT_FOUND', 'vpn gateway', idOrName);
    return g;
  }

  async build(gatewayId: string, options: BundleOptions = {}): Promise<GatewayBundle> {
    const gateway = await this.gateways.findById(gatewayId);
    if (!gateway) throw NotFound.entity('VPN_GATEWAY_NOT_FOUND', 'vpn gateway', gatewayId);
    const installDir = this.installDir(options.installDir);
    const serviceUrl = this.serviceUrl(options.serviceUrl);
    const profile = this.settings.profile(gateway.profile);
    if (!profile)
      throw new Conflict('VPN_PROFILE_NO_LONGER_CONFIGURED', `The profile ${gateway.profile} is no longer configured`, { profile: gateway.profile });
    const generatedAt = this.clock.nowIso();
    const coHosted = (await this.gateways.list()).filter((g) => g.host === gateway.host).sort((a, b) => a.name.localeCompare(b.name));
    const [caPem, crl, publicKey] = await Promise.all([this.certificates.caChainPem(), this.certificates.crlPem(), this.allowList.publicKeyPem()]);
    const networks = gateway.networks ?? profile.networks;
    const scripts = gatewayScriptsDir();
    const read = (name: string) => fs.readFileSync(path.join(scripts, name), 'utf8');

    let conf = read('gateway.conf.example');
    conf = setLine(conf, 'SERVICE_URL', serviceUrl);
    conf = setLine(conf, 'GATEWAY_ID', gateway.id);
    conf = `# Gateway ${gateway.name} (${gateway.host}), pacchetto del ${generatedAt}.\n${conf}`;

    const files: BundleFile[] = [
      {
        path: 'server.conf',
        mode: '0644',
        content: renderServerConf({
          gateway: { id: gateway.id, name: gateway.name, host: gateway.host, port: Number(gateway.port), proto: gateway.proto, profile: gateway.profile },
          pool: profile.pool,
          installDir,
          tls: { tlsVersionMin: this.settings.client.tlsVersionMin, dataCiphers: this.settings.client.dataCiphers, auth: this.settings.client.auth },
          verb: this.settings.client.verb,
          generatedAt,
        }),
      },
      { path: 'ca.pem', mode: '0644', content: caPem },
      { path: 'crl.pem', mode: '0644', content: crl.pem },
      {
        path: 'nftables.conf',
        mode: '0644',
        content: renderNftablesRuleset({
          host: gateway.host,
          generatedAt,
          instances: coHosted.flatMap((g) => {
            const p = this.settings.profile(g.profile);
            return p ? [{ gatewayName: g.name, profile: g.profile, device: tunDeviceOf(g), pool: p.pool, networks: g.networks ?? p.networks }] : [];
          }),
        }),
      },
      { path: 'allow-list.pub.pem', mode: '0644', content: publicKey },
      ...SCRIPTS.map((name) => ({ path: `remote-work/${name}`, mode: '0755', content: read(name) })),
      { path: 'remote-work/gateway.conf', mode: '0644', content: conf },
      {
        path: 'README.it.md',
        mode: '0644',
        content: renderBundleReadme({
          gateway: { id: gateway.id, name: gateway.name, host: gateway.host, port: Number(gateway.port), proto: gateway.proto, profile: gateway.profile },
          tunDevice: tunDeviceOf(gateway),
          pool: profile.pool,
          gatewayAddress: addressPool(profile.pool).gateway,
          networks,
          coHosted: coHosted.map((g) => g.name),
          installDir,
          serviceUrl,
          allowListValidMinutes: this.settings.allowList.validMinutes,
          generatedAt,
        }),
      },
    ];
    return { gatewayId: gateway.id, gatewayName: gateway.name, generatedAt, installDir, files };
  }

  private installDir(dir: string | undefined): string {
    if (dir === undefined || dir === '') return GATEWAY_DIR_DEFAULT;
    const problem = installDirProblem(dir);
    if (problem) throw new ValidationFailed([{ field: 'dir', messages: [problem] }], 'The install directory is not valid', 'INVALID_BUNDLE_OPTION');
    return dir.replace(/\/+$/, '') || '/';
  }

  private serviceUrl(url: string | undefined): string {
    const chosen = url || this.config.env.PUBLIC_BASE_URL || `http://localhost:${this.config.env.PORT}`;
    let parsed: URL;
    try {
      parsed = new URL(chosen);
    } catch {
      throw new ValidationFailed([{ field: 'serviceUrl', messages: ['an http:// or https:// URL'] }], 'The service URL is not valid', 'INVALID_BUNDLE_OPTION');
    }
    if (!['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password || parsed.search || parsed.hash || /[\s"'\\]/.test(chosen))
      throw new ValidationFailed([{ field: 'serviceUrl', messages: ['an http:// or https:// URL'] }], 'The service URL is not valid', 'INVALID_BUNDLE_OPTION');
    return chosen.replace(/\/+$/, '');
  }
}
