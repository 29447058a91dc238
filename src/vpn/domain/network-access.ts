import { Ipv4Network, parseCidr, parseIpv4 } from './cidr';

/**
 * What a VPN profile (or a gateway overriding it) lets its users reach: IPv4 networks, each either whole or
 * restricted to some ports. `ports` entries: `tcp/443`, `udp/53`, `tcp/8000-8099` (a range) or `icmp`; none = every
 * protocol and port. `0.0.0.0/0` is a full tunnel (the whole Internet through the gateway).
 */
export interface NetworkAccess {
  cidr: string;
  ports?: string[];
}

export type PortRule = { proto: 'tcp' | 'udp'; from: number; to: number } | { proto: 'icmp' };

const PORT = /^(tcp|udp)\/(\d{1,5})(?:-(\d{1,5}))?$/;

/** `tcp/443`, `udp/53`, `tcp/8000-8099`, `icmp`; null when not one of these. */
export function parsePortRule(text: string): PortRule | null {
  if (text === 'icmp') return { proto: 'icmp' };
  const m = PORT.exec(text);
  if (!m) return null;
  const from = Number(m[2]);
  const to = m[3] === undefined ? from : Number(m[3]);
  if (from < 1 || to > 65535 || to < from) return null;
  return { proto: m[1] as 'tcp' | 'udp', from, to };
}

/** First and last address (as unsigned 32-bit integers) of a network. */
export function rangeOf(net: Ipv4Network): { first: number; last: number } {
  const first = parseIpv4(net.network)!;
  const size = 2 ** (32 - net.prefix);
  return { first, last: first + size - 1 };
}

/** Whether two networks in CIDR notation share at least one address (false when either is not a network). */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  const rx = rangeOf(x);
  const ry = rangeOf(y);
  return rx.first <= ry.last && ry.first <= rx.last;
}

/** A reason when `ports` is not a usable list (unknown entries, duplicates), null when it is. */
export function portsProblem(ports: string[]): string | null {
  const bad = ports.filter((p) => parsePortRule(p) === null);
  if (bad.length) return `${bad.join(', ')}: write tcp/<port>, udp/<port>, tcp/<from>-<to> or icmp`;
  if (new Set(ports).size !== ports.length) return 'a port appears twice';
  return null;
}
