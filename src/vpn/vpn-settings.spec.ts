import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config';
import { VpnSettings } from './vpn-settings';

const CONFIG_DIR = path.join(__dirname, '../../config');
const settings = (env: Record<string, string> = {}) => VpnSettings.load(loadConfig({ CONFIG_DIR, ...env }));

function withFile(content: unknown): Record<string, string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rw-vpnconf-')), 'vpn.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return { VPN_CONFIG_FILE: file };
}

const base = () => JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, 'vpn.json'), 'utf8'));

describe('VPN settings (config/vpn.json)', () => {
  it('ships Prato defaults: three gateways for "dipendenti" sized for more than 600 sessions, and a "tecnici" profile', () => {
    const s = settings();
    const dipendenti = s.seedGateways.filter((g) => g.profile === 'dipendenti');
    expect(dipendenti.map((g) => g.host)).toEqual(['vpn1.comune.prato.it', 'vpn2.comune.prato.it', 'vpn3.comune.prato.it']);
    expect(dipendenti.reduce((sum, g) => sum + g.capacity, 0)).toBeGreaterThanOrEqual(600);
    expect(s.profile('dipendenti')).toMatchObject({ pool: '10.8.0.0/22', networks: expect.arrayContaining([{ cidr: '10.10.0.0/16' }]) });
    expect(s.profile('tecnici')).toMatchObject({ pool: '10.8.8.0/24' });
    expect(s.profile('tecnici')?.networks.length).toBeGreaterThan(s.profile('dipendenti')!.networks.length);
    expect(s.renewal).toEqual({ renewBeforeDays: 30, supersedeGraceDays: 7, cron: '40 1 * * *' });
    expect(s.client.keyFileName).toBe('{username}.key');
  });

  it('refuses a gateway of an unknown profile, a network with host bits, and a directive that runs a script', () => {
    const f = base();
    f.gateways[0].profile = 'ospiti';
    f.profiles[0].networks = [{ cidr: '10.10.1.0/16' }];
    f.client.extraLines = ['up /etc/openvpn/evil.sh'];
    try {
      settings(withFile(f));
      throw new Error('should have failed');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as ConfigError).message;
      expect(message).toMatch(/gateways\.0\.profile: unknown profile ospiti/);
      expect(message).toMatch(/profiles\.0\.networks\.0\.cidr: an IPv4 network/);
      expect(message).toMatch(/client\.extraLines\.0: directive up is not allowed/);
    }
  });

  it('refuses overlapping pools, a pool inside a network, bad ports, and the old routes key, naming the profile and field', () => {
    const f = base();
    f.profiles[1].pool = '10.8.2.0/24'; // inside dipendenti's 10.8.0.0/22
    f.profiles[0].networks[1].ports = ['tcp/443', 'ftp/21', 'udp/70000'];
    f.gateways[0].networks = [{ cidr: '10.8.0.0/16' }]; // both pools would be routed back into the tunnel
    f.profiles[1].routes = ['10.10.0.0/16'];
    f.profiles.push({ ...f.profiles[0], name: 'ospiti', pool: '10.8.0.1/22' });
    try {
      settings(withFile(f));
      throw new Error('should have failed');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as ConfigError).message;
      expect(message).toMatch(/profiles\.1\.pool: profile tecnici: pool 10\.8\.2\.0\/24 overlaps the pool 10\.8\.0\.0\/22 of profile dipendenti/);
      expect(message).toMatch(/profiles\.1\.pool: profile tecnici: pool 10\.8\.2\.0\/24 overlaps the network 10\.8\.0\.0\/16 of gateway vpn1/);
      expect(message).toMatch(/profiles\.0\.pool: profile dipendenti: pool 10\.8\.0\.0\/22 overlaps the network 10\.8\.0\.0\/16 of gateway vpn1/);
      expect(message).toMatch(/profiles\.0\.networks\.1\.ports: ftp\/21, udp\/70000: write tcp\/<port>/);
      expect(message).toMatch(/profiles\.1\.routes: profile tecnici: routes were replaced by networks/);
      expect(message).toMatch(/profiles\.2\.pool: an IPv4 network in CIDR notation from \/8 to \/29/);
    }
    // the same file without the mistakes loads, and a full tunnel network is not an overlap
    const ok = base();
    ok.profiles[1].networks = [{ cidr: '0.0.0.0/0' }];
    ok.gateways[3].networks = [{ cidr: '192.168.100.0/24', ports: ['tcp/22', 'tcp/8000-8099', 'icmp'] }];
    const s = settings(withFile(ok));
    expect(s.profile('tecnici')?.networks).toEqual([{ cidr: '0.0.0.0/0' }]);
    expect(s.seedGateways[3].networks).toEqual([{ cidr: '192.168.100.0/24', ports: ['tcp/22', 'tcp/8000-8099', 'icmp'] }]);
  });

  it('names the file of malformed JSON (and the line when the parser tells it)', () => {
    expect(() => settings(withFile('{\n  "profiles": [,]\n}\n'))).toThrow(/VPN_CONFIG_FILE .*vpn\.json.*: not valid JSON/);
  });
});
