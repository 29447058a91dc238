import { parseCidr } from './cidr';
import { NetworkAccess, parsePortRule } from './network-access';

/** One OpenVPN instance on the gateway host: its tun device, its profile's pool and the networks its clients reach. */
export interface FirewallInstance {
  gatewayName: string;
  profile: string;
  device: string;
  pool: string;
  networks: NetworkAccess[];
}

export interface NftablesInput {
  /** The host's instances (usually one; two gateway records on one host share one ruleset). */
  instances: FirewallInstance[];
  generatedAt: string;
  /** Who the ruleset is for, in the header comment. */
  host: string;
}

export const NFT_TABLE = 'remote_work';
const DEVICE = /^[A-Za-z0-9_.-]{1,15}$/;

const chainName = (prefix: string, device: string) => `${prefix}_${device.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** The accept rules of one network for one pool: the whole network, or one rule per protocol with its ports. */
function acceptRules(pool: string, n: NetworkAccess): string[] {
  const net = parseCidr(n.cidr);
  if (!net) throw new Error(`network ${n.cidr} is not an IPv4 network`);
  const match = `ip saddr ${pool} ip daddr ${net.network}/${net.prefix}`;
  if (!n.ports?.length) return [`${match} accept`];
  const rules: string[] = [];
  const byProto = new Map<'tcp' | 'udp', string[]>();
  for (const text of n.ports) {
    const rule = parsePortRule(text);
    if (!rule) throw new Error(`port ${text} of network ${n.cidr} is not tcp/<port>, udp/<port>, tcp/<from>-<to> or icmp`);
    if (rule.proto === 'icmp') continue;
    const list = byProto.get(rule.proto) ?? [];
    list.push(rule.from === rule.to ? String(rule.from) : `${rule.from}-${rule.to}`);
    byProto.set(rule.proto, list);
  }
  for (const proto of ['tcp', 'udp'] as const) {
    const ports = byProto.get(proto);
    if (ports) rules.push(`${match} ${proto} dport ${ports.length === 1 ? ports[0] : `{ ${ports.join(', ')} }`} accept`);
  }
  if (n.ports.includes('icmp')) rules.push(`${match} ip protocol icmp accept`);
  return rules;
}

/**
 * The nftables ruleset of a gateway host (`nft -f nftables.conf`): its own table `inet remote_work`, replaced whole
 * each time (the `table` + `delete table` idiom: loading it twice, or after a change, leaves exactly this).
 *
 * - forward: policy accept for whatever does not come from a VPN device (the host's other routing is not ours);
 *   traffic from an instance's tun device jumps to that instance's chain: replies of established flows pass, each
 *   address of the profile's pool may open connections only to the profile's (or the gateway record's) networks,
 *   and only to their ports where some are named; everything else is counted and dropped — another profile's
 *   networks, another client of the VPN, IPv6, a route the laptop added by hand.
 * - input: from a VPN device only replies to the gateway's own traffic; OpenVPN itself listens on the physical
 *   interface and the connect hook talks to the service outwards, so nothing needs to reach the gateway from the
 *   tunnel.
 *
 * No logging rule: counters only (no record of who reached what).
 */
export function renderNftablesRuleset(input: NftablesInput): string {
  if (!input.instances.length) throw new Error('a ruleset needs at least one OpenVPN instance');
  const devices = new Set<string>();
  for (const i of input.instances) {
    if (!DEVICE.test(i.device)) throw new Error(`tun device ${i.device} is not an interface name`);
    if (devices.has(i.device)) throw new Error(`two instances on tun device ${i.device}`);
    devices.add(i.device);
    if (!parseCidr(i.pool)) throw new Error(`pool ${i.pool} is not an IPv4 network`);
  }
  const out: string[] = [
    '#!/usr/sbin/nft -f',
    `# remote-work: firewall of the VPN gateway host ${input.host}, generated ${input.generatedAt} by the service.`,
    '# Do not edit: download the bundle again after a change of config/vpn.json or of the gateway records.',
    `# Instances: ${input.instances.map((i) => `${i.gatewayName} (${i.profile}, ${i.pool}, ${i.device})`).join('; ')}`,
    '',
    `table inet ${NFT_TABLE}`,
    `delete table inet ${NFT_TABLE}`,
    '',
    `table inet ${NFT_TABLE} {`,
    '  chain forward {',
    '    type filter hook forward priority filter; policy accept;',
    ...input.instances.map((i) => `    iifname "${i.device}" jump ${chainName('from_vpn', i.device)}`),
    '  }',
    '',
    '  chain input {',
    '    type filter hook input priority filter; policy accept;',
    ...input.instances.map((i) => `    iifname "${i.device}" jump ${chainName('to_gateway', i.device)}`),
    '  }',
  ];
  for (const i of input.instances) {
    const pool = parseCidr(i.pool)!;
    const cidr = `${pool.network}/${pool.prefix}`;
    out.push(
      '',
      `  # ${i.gatewayName}: profile ${i.profile}, pool ${cidr}`,
      `  chain ${chainName('from_vpn', i.device)} {`,
      '    ct state established,related accept',
      ...i.networks.flatMap((n) => acceptRules(cidr, n)).map((r) => `    ${r}`),
      '    counter drop',
      '  }',
      '',
      `  chain ${chainName('to_gateway', i.device)} {`,
      '    ct state established,related accept',
      '    counter drop',
      '  }',
    );
  }
  out.push('}', '');
  return out.join('\n');
}
