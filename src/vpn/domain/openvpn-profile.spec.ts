import { parseCidr } from './cidr';
import { ClientTemplate, extraLineProblem, renderOpenVpnProfile, OpenVpnProfileInput } from './openvpn-profile';

const template: ClientTemplate = {
  dataCiphers: ['AES-256-GCM', 'AES-128-GCM'],
  auth: 'SHA256',
  tlsVersionMin: '1.2',
  verifyServerName: true,
  resolvRetry: 'infinite',
  verb: 3,
  keyFileName: '{username}.key',
  extraLines: ['explicit-exit-notify 1'],
};

const input = (over: Partial<OpenVpnProfileInput> = {}): OpenVpnProfileInput => ({
  organisation: 'Comune di Prato',
  username: 'mrossi',
  gateway: { name: 'vpn2', host: 'vpn2.comune.prato.it', port: 1194, proto: 'udp' },
  profile: { name: 'dipendenti' },
  template,
  caPem: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n',
  certificatePem: '-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n',
  certificate: { serial: '5c1f0e2a9b7d4c3e', notAfter: '2027-03-10T09:00:00.000Z' },
  key: { kind: 'file' },
  generatedAt: '2026-03-10T09:00:00.000Z',
  ...over,
});

describe('the OpenVPN client profile', () => {
  it('is a client of the account gateway, checks the server certificate, and pulls its routes from the gateway', () => {
    const text = renderOpenVpnProfile(input());
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'client',
        'dev tun',
        'remote vpn2.comune.prato.it 1194 udp',
        'remote-cert-tls server',
        'verify-x509-name vpn2.comune.prato.it name',
        'data-ciphers AES-256-GCM:AES-128-GCM',
        'explicit-exit-notify 1',
      ]),
    );
    // routes, address and DNS come pushed by the gateway (`client` implies `pull`); nothing here refuses them or adds its own
    expect(lines.filter((l) => /^(route|route-nopull|pull-filter|ifconfig|redirect-gateway|dhcp-option)\b/.test(l))).toEqual([]);
    expect(text).toContain('<ca>\n-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n</ca>');
    expect(text).toContain('<cert>\n-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n</cert>');
  });

  it('names the key file made on the laptop (CSR), and says so', () => {
    const csr = renderOpenVpnProfile(input());
    expect(csr).toMatch(/\nkey mrossi\.key\n$/);
    expect(csr).toContain('<cert>');
    expect(csr).not.toContain('<key>');
    expect(csr).toContain('# The private key is not in this file: it was made on this laptop with the certificate request');
    expect(csr).toContain('Keep it as mrossi.key in the folder of this profile');
  });

  it('carries a generated key only under the one-time password: <pkcs12> alone, or <cert> and an encrypted <key> after a renewal', () => {
    const p12 = Buffer.alloc(120, 7).toString('base64');
    const sealed = renderOpenVpnProfile(input({ key: { kind: 'pkcs12', base64: p12 } }));
    expect(sealed).toContain(`<pkcs12>\n${p12.slice(0, 64)}\n${p12.slice(64, 128)}\n${p12.slice(128)}\n</pkcs12>\n`);
    expect(sealed).toContain('<ca>'); // the CA as well; OpenVPN refuses <cert> and <key> beside <pkcs12>
    expect(sealed).not.toMatch(/<cert>|<key>|\nkey /);
    expect(sealed).toContain('encrypted under the one-time');
    expect(sealed).toContain('--askpass');

    const pem = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nQUJD\n-----END ENCRYPTED PRIVATE KEY-----\n';
    const renewed = renderOpenVpnProfile(input({ key: { kind: 'encrypted-key', pem } }));
    expect(renewed).toContain(`<cert>\n-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n</cert>\n<key>\n${pem}</key>\n`);
    expect(renewed).not.toContain('<pkcs12>');

    // a key in clear never goes into a profile, whatever a caller passes
    expect(() =>
      renderOpenVpnProfile(input({ key: { kind: 'encrypted-key', pem: '-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----\n' } })),
    ).toThrow(/encrypted/);
    expect(() => renderOpenVpnProfile(input({ key: { kind: 'pkcs12', base64: '-----BEGIN PRIVATE KEY-----' } }))).toThrow(/base64/);
  });

  it('parses CIDR networks strictly', () => {
    expect(parseCidr('10.10.0.0/16')).toEqual({ network: '10.10.0.0', netmask: '255.255.0.0', prefix: 16 });
    expect(parseCidr('192.168.100.0/24')).toEqual({ network: '192.168.100.0', netmask: '255.255.255.0', prefix: 24 });
    expect(parseCidr('10.0.0.1/32')).toEqual({ network: '10.0.0.1', netmask: '255.255.255.255', prefix: 32 });
    for (const bad of ['10.10.1.0/16', '10.10.0.0', '10.10.0.0/33', '256.1.1.0/24', '10.010.0.0/16', 'a.b.c.d/8', '10.0.0.0/8/1'])
      expect(parseCidr(bad)).toBeNull();
  });

  it('refuses extra directives that would run programs or load code on the laptop', () => {
    expect(extraLineProblem('explicit-exit-notify 1')).toBeNull();
    expect(extraLineProblem('up /tmp/x.sh')).toMatch(/not allowed/);
    expect(extraLineProblem('script-security 2')).toMatch(/not allowed/);
    expect(extraLineProblem('route-nopull')).toMatch(/not allowed/); // the pushed routes are the tunnel's only routes
    expect(extraLineProblem('plugin /usr/lib/evil.so')).toMatch(/not allowed/);
    expect(extraLineProblem('<key>')).toMatch(/not allowed/);
    expect(extraLineProblem('')).toMatch(/one non-empty/);
  });
});
