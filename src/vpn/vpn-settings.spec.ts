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
    expect(s.profile('tecnici')?.routes.length).toBeGreaterThan(0);
    expect(s.renewal).toEqual({ renewBeforeDays: 30, supersedeGraceDays: 7, cron: '40 1 * * *' });
    expect(s.client.keyFileName).toBe('{username}.key');
  });

  it('refuses a gateway of an unknown profile, a network with host bits, and a directive that runs a script', () => {
    const f = base();
    f.gateways[0].profile = 'ospiti';
    f.profiles[0].routes = ['10.10.1.0/16'];
    f.client.extraLines = ['up /etc/openvpn/evil.sh'];
    try {
      settings(withFile(f));
      throw new Error('should have failed');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as ConfigError).message;
      expect(message).toMatch(/gateways\.0\.profile: unknown profile ospiti/);
      expect(message).toMatch(/profiles\.0\.routes\.0: an IPv4 network/);
      expect(message).toMatch(/client\.extraLines\.0: directive up is not allowed/);
    }
  });

  it('names the file of malformed JSON (and the line when the parser tells it)', () => {
    expect(() => settings(withFile('{\n  "profiles": [,]\n}\n'))).toThrow(/VPN_CONFIG_FILE .*vpn\.json.*: not valid JSON/);
  });
});
