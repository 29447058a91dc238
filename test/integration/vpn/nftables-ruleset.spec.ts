import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../../src/config/app-config';
import { renderNftablesRuleset } from '../../../src/vpn/domain/nftables-ruleset';
import { tunDeviceOf } from '../../../src/vpn/domain/openvpn-server-conf';
import { VpnSettings } from '../../../src/vpn/vpn-settings';
import { describeWithNetns, NetnsLab } from '../../helpers/netns';

jest.setTimeout(120_000);

const CONFIG_DIR = path.join(__dirname, '../../../config');

/** The rulesets the bundles of the shipped config/vpn.json carry: one per gateway host (vpn3 hosts two instances). */
function shippedRulesets(): { host: string; text: string }[] {
  const settings = VpnSettings.load(loadConfig({ CONFIG_DIR }));
  const hosts = [...new Set(settings.seedGateways.map((g) => g.host))];
  return hosts.map((host) => ({
    host,
    text: renderNftablesRuleset({
      host,
      generatedAt: new Date().toISOString(),
      instances: settings.seedGateways
        .filter((g) => g.host === host)
        .map((g) => {
          const p = settings.profile(g.profile)!;
          return { gatewayName: g.name, profile: g.profile, device: tunDeviceOf(g), pool: p.pool, networks: g.networks ?? p.networks };
        }),
    }),
  }));
}

/**
 * The nftables rulesets the service writes, checked by the real `nft` (root, in namespaces this file makes): the
 * rulesets of the shipped configuration parse (`nft -c -f`), and one loaded in a gateway namespace lets a client of
 * the `dipendenti` pool reach its networks and ports and nothing else. The tun device is played by a veth carrying
 * the tun's name (the ruleset matches the interface name); the full path through OpenVPN is gateway-enforcement.spec.ts.
 */
describeWithNetns('the nftables ruleset of a gateway, in the real nft', () => {
  const lab = new NetnsLab('nft');
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `rw-nft-${process.pid}-`));
  });
  afterAll(async () => {
    await lab.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('parses for every gateway host of the shipped configuration, and nft -c does refuse a broken one', async () => {
    const rulesets = shippedRulesets();
    expect(rulesets.map((r) => r.host)).toEqual(['vpn1.comune.prato.it', 'vpn2.comune.prato.it', 'vpn3.comune.prato.it']);
    expect(rulesets[2].text).toContain('jump from_vpn_rw_tcp1195'); // vpn-tecnici shares vpn3's host
    const ns = await lab.namespace('chk');
    for (const r of rulesets) {
      const check = await lab.exec(ns, 'nft', ['-c', '-f', write(`${r.host}.nft`, r.text)]);
      expect({ host: r.host, code: check.code, stderr: check.stderr }).toEqual({ host: r.host, code: 0, stderr: '' });
    }
    const broken = await lab.exec(ns, 'nft', ['-c', '-f', write('broken.nft', rulesets[0].text.replace('counter drop', 'counter dorp'))]);
    expect(broken.code).not.toBe(0);
  });

  it('lets the dipendenti pool reach its networks and ports only, whatever routes the client has', async () => {
    const settings = VpnSettings.load(loadConfig({ CONFIG_DIR }));
    const dipendenti = settings.profile('dipendenti')!;
    const device = 'rw-udp1194';
    const ruleset = write(
      'vpn1.nft',
      renderNftablesRuleset({
        host: 'vpn1',
        generatedAt: new Date().toISOString(),
        instances: [{ gatewayName: 'vpn1', profile: 'dipendenti', device, pool: dipendenti.pool, networks: dipendenti.networks }],
      }),
    );
    expect(dipendenti.networks).toEqual([{ cidr: '10.10.0.0/16' }, { cidr: '172.16.20.0/24', ports: ['tcp/443', 'tcp/3389'] }]);

    const client = await lab.namespace('cl');
    const gw = await lab.namespace('gw');
    const intranet = await lab.namespace('in');
    // the client's side of the "tunnel": an address of the pool, and routes to every network (as if added by hand)
    const tunnel = await lab.link(client, '10.8.0.2/22', gw, '10.8.0.1/22');
    await lab.ip(gw, ['link', 'set', tunnel.b, 'down']);
    await lab.ip(gw, ['link', 'set', tunnel.b, 'name', device]);
    await lab.ip(gw, ['link', 'set', device, 'up']);
    await lab.ip(client, ['route', 'add', 'default', 'via', '10.8.0.1']);
    const lan = await lab.link(gw, '10.10.0.1/16', intranet, '10.10.0.5/16');
    await lab.ip(gw, ['addr', 'add', '172.16.20.1/24', 'dev', lan.a]);
    await lab.ip(gw, ['addr', 'add', '10.20.0.1/16', 'dev', lan.a]);
    await lab.ip(intranet, ['addr', 'add', '172.16.20.5/24', 'dev', lan.b]);
    await lab.ip(intranet, ['addr', 'add', '10.20.0.5/16', 'dev', lan.b]); // a tecnici network
    await lab.ip(intranet, ['route', 'add', '10.8.0.0/22', 'via', '10.10.0.1']);
    expect((await lab.exec(gw, 'sysctl', ['-w', 'net.ipv4.ip_forward=1'])).code).toBe(0);
    await lab.httpServices(intranet, [
      { name: 'intranet', host: '10.10.0.5', port: 8080 },
      { name: 'gestionale-https', host: '172.16.20.5', port: 443 },
      { name: 'gestionale-other', host: '172.16.20.5', port: 8080 },
      { name: 'gestione-tecnici', host: '10.20.0.5', port: 8080 },
    ]);

    // without the ruleset the gateway forwards everything: the drops below are the ruleset's
    expect(await lab.httpGet(client, '10.20.0.5', 8080)).toBe('gestione-tecnici');
    expect(await lab.httpGet(client, '172.16.20.5', 8080)).toBe('gestionale-other');

    const loaded = await lab.exec(gw, 'nft', ['-f', ruleset]);
    expect({ code: loaded.code, stderr: loaded.stderr }).toEqual({ code: 0, stderr: '' });
    // loading it again (a re-downloaded bundle) replaces the table instead of adding to it
    expect((await lab.exec(gw, 'nft', ['-f', ruleset])).code).toBe(0);
    expect((await lab.exec(gw, 'nft', ['list', 'tables'])).stdout.trim()).toBe('table inet remote_work');

    expect(await lab.httpGet(client, '10.10.0.5', 8080)).toBe('intranet');
    expect(await lab.httpGet(client, '172.16.20.5', 443)).toBe('gestionale-https');
    expect(await lab.httpGet(client, '172.16.20.5', 8080)).toBeNull(); // not one of its ports
    expect(await lab.httpGet(client, '10.20.0.5', 8080)).toBeNull(); // another profile's network
    // nothing new from the tunnel to the gateway itself
    expect(await lab.tcpConnects(client, '10.8.0.1', 22, 1000)).toBe(false);

    const counters = (await lab.exec(gw, 'nft', ['list', 'chain', 'inet', 'remote_work', 'from_vpn_rw_udp1194'])).stdout;
    const dropped = /counter packets (\d+) bytes \d+ drop/.exec(counters);
    expect(Number(dropped?.[1])).toBeGreaterThan(0);

    // the intranet may still open connections towards the client (not from the VPN device): policy accept
    await lab.httpServices(client, [{ name: 'laptop', host: '10.8.0.2', port: 8081 }]);
    expect(await lab.httpGet(intranet, '10.8.0.2', 8081)).toBe('laptop');
  });
});
