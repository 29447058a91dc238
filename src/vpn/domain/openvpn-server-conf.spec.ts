import { clientDirectives, installDirProblem, renderServerConf, ServerConfInput, tunDeviceOf } from './openvpn-server-conf';

const input = (over: Partial<ServerConfInput> = {}): ServerConfInput => ({
  gateway: { id: '7d0c1c1e-8f0a-4a57-9d55-0c7f7f3b9a10', name: 'vpn1', host: 'vpn1.comune.prato.it', port: 1194, proto: 'udp', profile: 'dipendenti' },
  pool: '10.8.0.0/22',
  installDir: '/etc/openvpn',
  tls: { tlsVersionMin: '1.2', dataCiphers: ['AES-256-GCM', 'AES-128-GCM'], auth: 'SHA256' },
  verb: 3,
  generatedAt: '2026-12-02T08:30:00.000Z',
  ...over,
});

const directives = (text: string) => text.split('\n').filter((l) => l && !l.startsWith('#'));

describe('server.conf of a gateway', () => {
  it('is a TLS server on its port with the pool in subnet topology, the gateway holding the first host address', () => {
    const lines = directives(renderServerConf(input()));
    expect(lines).toEqual([
      'cd /etc/openvpn',
      'mode server',
      'tls-server',
      'proto udp',
      'port 1194',
      'dev rw-udp1194',
      'dev-type tun',
      'topology subnet',
      'ifconfig 10.8.0.1 255.255.252.0',
      'push "topology subnet"',
      'push "route-gateway 10.8.0.1"',
      'ca ca.pem',
      'cert server.crt',
      'key server.key',
      'dh none',
      'crl-verify crl.pem',
      'remote-cert-tls client',
      'tls-version-min 1.2',
      'data-ciphers AES-256-GCM:AES-128-GCM',
      'auth SHA256',
      'script-security 2',
      'client-connect /etc/openvpn/remote-work/connect-check.sh',
      'keepalive 10 60',
      'persist-key',
      'persist-tun',
      'explicit-exit-notify 1',
      'verb 3',
    ]);
  });

  it('has no dynamic pool, no static routes for everyone and no status or connection log: addresses and routes come from the hook', () => {
    const text = renderServerConf(input());
    expect(text).not.toMatch(/^(server|ifconfig-pool|client-config-dir|status|log|log-append|ifconfig-pool-persist|client-to-client|duplicate-cn)\b/m);
    expect(text).not.toMatch(/^push "(route|dhcp-option|redirect-gateway) /m);
  });

  it('over TCP listens as a TCP server, on its own device; the install directory is configurable', () => {
    const lines = directives(renderServerConf(input({ gateway: { ...input().gateway, port: 1195, proto: 'tcp' }, installDir: '/srv/rw/vpn-tecnici/' })));
    expect(lines).toEqual(expect.arrayContaining(['proto tcp-server', 'port 1195', 'dev rw-tcp1195', 'cd /srv/rw/vpn-tecnici']));
    expect(lines).toContain('client-connect /srv/rw/vpn-tecnici/remote-work/connect-check.sh');
    expect(lines).not.toContain('explicit-exit-notify 1'); // UDP only
    expect(installDirProblem('etc/openvpn')).not.toBeNull();
    expect(installDirProblem('/etc/../tmp')).not.toBeNull();
    expect(installDirProblem('/etc/openvpn x')).not.toBeNull();
    expect(() => renderServerConf(input({ installDir: '/tmp/a;b' }))).toThrow(/install directory/);
  });

  it('names the tun device after proto and port, within the 15 characters of an interface name', () => {
    expect(tunDeviceOf({ proto: 'udp', port: 65535 })).toBe('rw-udp65535');
    expect(tunDeviceOf({ proto: 'tcp', port: 443 }).length).toBeLessThanOrEqual(15);
  });
});

describe('the directives of one client', () => {
  it('give its stable address in the pool, a pushed route per network, and the DNS options', () => {
    expect(
      clientDirectives({
        address: '10.8.0.7',
        pool: '10.8.0.0/22',
        networks: [{ cidr: '10.10.0.0/16' }, { cidr: '172.16.20.0/24', ports: ['tcp/443'] }],
        dns: { servers: ['10.10.1.10', '10.10.1.11'], domain: 'comune.prato.it' },
      }),
    ).toEqual([
      'ifconfig-push 10.8.0.7 255.255.252.0',
      'push "route 10.10.0.0 255.255.0.0"',
      'push "route 172.16.20.0 255.255.255.0"',
      'push "dhcp-option DNS 10.10.1.10"',
      'push "dhcp-option DNS 10.10.1.11"',
      'push "dhcp-option DOMAIN comune.prato.it"',
    ]);
  });

  it('redirect the default gateway for a full tunnel', () => {
    expect(clientDirectives({ address: '10.8.8.2', pool: '10.8.8.0/24', networks: [{ cidr: '0.0.0.0/0' }], dns: { servers: [], domain: null } })).toEqual([
      'ifconfig-push 10.8.8.2 255.255.255.0',
      'push "redirect-gateway def1"',
    ]);
  });
});
