import { FirewallInstance, renderNftablesRuleset } from './nftables-ruleset';

const dipendenti: FirewallInstance = {
  gatewayName: 'vpn3',
  profile: 'dipendenti',
  device: 'rw-udp1194',
  pool: '10.8.0.0/22',
  networks: [{ cidr: '10.10.0.0/16' }, { cidr: '172.16.20.0/24', ports: ['tcp/443', 'udp/53', 'tcp/8000-8099', 'icmp'] }],
};
const tecnici: FirewallInstance = {
  gatewayName: 'vpn-tecnici',
  profile: 'tecnici',
  device: 'rw-tcp1195',
  pool: '10.8.8.0/24',
  networks: [{ cidr: '0.0.0.0/0' }],
};

const render = (instances: FirewallInstance[]) => renderNftablesRuleset({ host: 'vpn3.comune.prato.it', generatedAt: '2026-12-02T08:30:00.000Z', instances });

/** The lines of one chain's body. */
function chain(text: string, name: string): string[] {
  const m = new RegExp(`\\n  chain ${name} \\{\\n([\\s\\S]*?)\\n  \\}`).exec(text);
  if (!m) throw new Error(`no chain ${name}`);
  return m[1].split('\n').map((l) => l.trim());
}

describe('the nftables ruleset of a gateway host', () => {
  it('replaces its own table whole, and leaves traffic that does not come from a VPN device alone', () => {
    const text = render([dipendenti]);
    expect(text.indexOf('table inet remote_work\ndelete table inet remote_work\n')).toBeGreaterThan(0);
    expect(text.match(/^table inet remote_work \{$/gm)).toHaveLength(1);
    expect(chain(text, 'forward')).toEqual(['type filter hook forward priority filter; policy accept;', 'iifname "rw-udp1194" jump from_vpn_rw_udp1194']);
    expect(chain(text, 'input')).toEqual(['type filter hook input priority filter; policy accept;', 'iifname "rw-udp1194" jump to_gateway_rw_udp1194']);
  });

  it('lets the pool reach only its networks, and only the named ports where some are named; the rest is counted and dropped', () => {
    expect(chain(render([dipendenti]), 'from_vpn_rw_udp1194')).toEqual([
      'ct state established,related accept',
      'ip saddr 10.8.0.0/22 ip daddr 10.10.0.0/16 accept',
      'ip saddr 10.8.0.0/22 ip daddr 172.16.20.0/24 tcp dport { 443, 8000-8099 } accept',
      'ip saddr 10.8.0.0/22 ip daddr 172.16.20.0/24 udp dport 53 accept',
      'ip saddr 10.8.0.0/22 ip daddr 172.16.20.0/24 ip protocol icmp accept',
      'counter drop',
    ]);
  });

  it('accepts nothing new from the tunnel to the gateway itself', () => {
    expect(chain(render([dipendenti]), 'to_gateway_rw_udp1194')).toEqual(['ct state established,related accept', 'counter drop']);
  });

  it('keeps two instances of one host apart by device: each pool only in its own chain', () => {
    const text = render([dipendenti, tecnici]);
    expect(chain(text, 'forward').slice(1)).toEqual(['iifname "rw-udp1194" jump from_vpn_rw_udp1194', 'iifname "rw-tcp1195" jump from_vpn_rw_tcp1195']);
    expect(chain(text, 'from_vpn_rw_tcp1195')).toEqual([
      'ct state established,related accept',
      'ip saddr 10.8.8.0/24 ip daddr 0.0.0.0/0 accept',
      'counter drop',
    ]);
    expect(chain(text, 'from_vpn_rw_udp1194').join('\n')).not.toContain('10.8.8.0/24');
    // no logging rule: counters only, no record of who reached what
    expect(text).not.toMatch(/\blog\b/);
  });

  it('refuses what it cannot write safely', () => {
    expect(() => render([])).toThrow(/at least one/);
    expect(() => render([{ ...dipendenti, device: 'tun0"; drop' }])).toThrow(/not an interface name/);
    expect(() => render([dipendenti, { ...tecnici, device: 'rw-udp1194' }])).toThrow(/two instances/);
    expect(() => render([{ ...dipendenti, networks: [{ cidr: '10.10.0.0/16', ports: ['sctp/1'] }] }])).toThrow(/sctp\/1/);
    expect(() => render([{ ...dipendenti, networks: [{ cidr: '10.10.1.0/16' }] }])).toThrow(/not an IPv4 network/);
  });
});
