import { parseCidr, parseIpv4 } from './cidr';
import { rangeOf } from './network-access';

/**
 * A profile's address pool (IPv4 CIDR): the network address and the broadcast address are never handed out, the
 * first host address is the gateway's own (`ifconfig` of its server.conf, the clients' route gateway), and every
 * other host address is one account's, stable for the account's life.
 */
export interface AddressPool {
  cidr: string;
  netmask: string;
  /** The gateway's own address: the first host address. */
  gateway: string;
  /** Addresses accounts may get (every host address but the gateway's). */
  size: number;
  first: number;
  last: number;
}

export function toDotted(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** The pool of a CIDR from /8 to /29 (settings validate it); throws on anything else, a programming error. */
export function addressPool(cidr: string): AddressPool {
  const net = parseCidr(cidr);
  if (!net || net.prefix < 8 || net.prefix > 29) throw new Error(`${cidr} is not an address pool (an IPv4 network from /8 to /29)`);
  const { first, last } = rangeOf(net);
  // first = network address, first + 1 = gateway, last = broadcast
  return { cidr, netmask: net.netmask, gateway: toDotted(first + 1), size: last - first - 2, first: first + 2, last: last - 1 };
}

/** Whether `address` is one an account may hold in `pool`. */
export function isAccountAddress(pool: AddressPool, address: string): boolean {
  const ip = parseIpv4(address);
  return ip !== null && ip >= pool.first && ip <= pool.last;
}

/**
 * The lowest address of the pool no one holds (`taken`: addresses held, in any order; others are ignored), or null
 * when every account address is held (the caller refuses with VPN_ADDRESS_POOL_EXHAUSTED).
 */
export function firstFreeAddress(pool: AddressPool, taken: Iterable<string>): string | null {
  const held = new Set<number>();
  for (const a of taken) {
    const ip = parseIpv4(a);
    if (ip !== null && ip >= pool.first && ip <= pool.last) held.add(ip);
  }
  if (held.size >= pool.size) return null;
  for (let ip = pool.first; ip <= pool.last; ip++) if (!held.has(ip)) return toDotted(ip);
  return null;
}
