/** IPv4 networks as profiles list them (`10.10.0.0/16`) and as OpenVPN writes them (`10.10.0.0 255.255.0.0`). */
export interface Ipv4Network {
  network: string;
  netmask: string;
  prefix: number;
}

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number | null {
  const m = OCTETS.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p, i) => p > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) return null;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function toDotted(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** A network in CIDR notation whose address has no host bits set (10.10.0.0/16, not 10.10.1.0/16); null otherwise. */
export function parseCidr(text: string): Ipv4Network | null {
  const [address, prefixText, ...rest] = text.split('/');
  if (rest.length || prefixText === undefined || !/^\d{1,2}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const ip = parseIpv4(address);
  if (ip === null || prefix > 32) return null;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if ((ip & mask) >>> 0 !== ip) return null;
  return { network: toDotted(ip), netmask: toDotted(mask), prefix };
}
