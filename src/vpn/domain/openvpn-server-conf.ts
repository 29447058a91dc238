import { addressPool } from './address-pool';
import { parseCidr } from './cidr';
import { NetworkAccess } from './network-access';

/** Where a gateway's bundle is installed by default: server.conf, ca.pem, crl.pem, …, and remote-work/ (scripts) under it. */
export const GATEWAY_DIR_DEFAULT = '/etc/openvpn';

/**
 * The tun device of a gateway's OpenVPN instance: named after its proto and port (`rw-udp1194`), unique on its host
 * (two instances on one host never share proto and port) and at most 15 characters (IFNAMSIZ). server.conf names it
 * (`dev rw-udp1194`, `dev-type tun`) and the nftables ruleset matches it, so each instance's clients are told apart.
 */
export function tunDeviceOf(gateway: { proto: 'udp' | 'tcp'; port: number }): string {
  return `rw-${gateway.proto}${Number(gateway.port)}`;
}

export interface ClientDirectivesInput {
  /** The account's stable address in its profile's pool. */
  address: string;
  pool: string;
  networks: NetworkAccess[];
  dns: { servers: string[]; domain: string | null };
}

/**
 * What the connect hook hands OpenVPN for one client (the `client-connect` file): its address, the routes of the
 * networks it reaches (pushed: the laptop's .ovpn has none) and the DNS options. The firewall enforces the same
 * networks whatever routes the laptop adds by hand.
 */
export function clientDirectives(input: ClientDirectivesInput): string[] {
  const pool = addressPool(input.pool);
  const lines = [`ifconfig-push ${input.address} ${pool.netmask}`];
  for (const n of input.networks) {
    const net = parseCidr(n.cidr);
    if (!net) throw new Error(`network ${n.cidr} is not an IPv4 network`);
    lines.push(net.prefix === 0 ? 'push "redirect-gateway def1"' : `push "route ${net.network} ${net.netmask}"`);
  }
  for (const server of input.dns.servers) lines.push(`push "dhcp-option DNS ${server}"`);
  if (input.dns.domain) lines.push(`push "dhcp-option DOMAIN ${input.dns.domain}"`);
  return lines;
}

export interface ServerConfInput {
  gateway: { id: string; name: string; host: string; port: number; proto: 'udp' | 'tcp'; profile: string };
  pool: string;
  /** Where the bundle is installed on the gateway (server.conf, ca.pem, crl.pem; remote-work/ under it). */
  installDir: string;
  tls: { tlsVersionMin: '1.2' | '1.3'; dataCiphers: string[]; auth: string };
  verb: number;
  generatedAt: string;
}

const INSTALL_DIR = /^\/[A-Za-z0-9._/-]{0,200}$/;

/** A reason when `dir` cannot be the gateway's install directory, null when it can (absolute, plain characters). */
export function installDirProblem(dir: string): string | null {
  if (!INSTALL_DIR.test(dir) || dir.split('/').includes('..')) return 'an absolute path of letters, digits, ".", "_", "-" and "/"';
  return null;
}

/**
 * server.conf of one gateway: a TLS server on its port and proto, `topology subnet` with the gateway's own address
 * (the pool's first host) and no dynamic pool — a client gets an address only from the connect hook's
 * `ifconfig-push`, so a connection the hook did not allow gets nothing. Client routes and DNS come from the hook
 * too (per account: its profile, this gateway's networks), nothing is pushed for everyone but the topology and
 * the route gateway. The CRL is checked at every connection (`crl-verify`, kept current by crl-refresh.sh); no
 * status file and no connection log beyond OpenVPN's own at `verb`.
 */
export function renderServerConf(input: ServerConfInput): string {
  const problem = installDirProblem(input.installDir);
  if (problem) throw new Error(`install directory ${input.installDir}: ${problem}`);
  const dir = input.installDir.replace(/\/+$/, '') || '/';
  const pool = addressPool(input.pool);
  const { gateway, tls } = input;
  const lines = [
    `# remote-work: OpenVPN server of gateway ${gateway.name} (${gateway.host}, profile ${gateway.profile}), generated ${input.generatedAt}.`,
    '# Do not edit: download the bundle again after a change (GET /api/v1/vpn/gateways/<id>/bundle).',
    `# Gateway id ${gateway.id}. Installed in ${dir} (README.it.md).`,
    `cd ${dir}`,
    'mode server',
    'tls-server',
    `proto ${gateway.proto === 'tcp' ? 'tcp-server' : 'udp'}`,
    `port ${Number(gateway.port)}`,
    `dev ${tunDeviceOf(gateway)}`,
    'dev-type tun',
    'topology subnet',
    `ifconfig ${pool.gateway} ${pool.netmask}`,
    'push "topology subnet"',
    `push "route-gateway ${pool.gateway}"`,
    'ca ca.pem',
    'cert server.crt',
    'key server.key',
    'dh none',
    'crl-verify crl.pem',
    'remote-cert-tls client',
    `tls-version-min ${tls.tlsVersionMin}`,
    `data-ciphers ${tls.dataCiphers.join(':')}`,
    `auth ${tls.auth}`,
    'script-security 2',
    `client-connect ${dir === '/' ? '' : dir}/remote-work/connect-check.sh`,
    'keepalive 10 60',
    'persist-key',
    'persist-tun',
    ...(gateway.proto === 'udp' ? ['explicit-exit-notify 1'] : []),
    `verb ${input.verb}`,
    '',
  ];
  return lines.join('\n');
}
