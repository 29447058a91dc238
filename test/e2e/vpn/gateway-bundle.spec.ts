import { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { vpnCommands } from '../../../scripts/cli/vpn.commands';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { canonicalSerial, listedSerials, openssl, run, tempDir, write } from '../../integration/pki/pki-test-tools';
import { binaryParser } from '../inventory/inventory-fixtures';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock, provisionable } from './vpn-fixtures';

jest.setTimeout(180_000);

const REPO = path.resolve(__dirname, '../../..');
const FILES = [
  ['server.conf', '0644'],
  ['ca.pem', '0644'],
  ['crl.pem', '0644'],
  ['nftables.conf', '0644'],
  ['allow-list.pub.pem', '0644'],
  ['remote-work/connect-check.sh', '0755'],
  ['remote-work/crl-refresh.sh', '0755'],
  ['remote-work/allow-list-refresh.sh', '0755'],
  ['remote-work/gateway.conf', '0644'],
  ['README.it.md', '0644'],
];

interface Bundle {
  gatewayId: string;
  gatewayName: string;
  generatedAt: string;
  installDir: string;
  files: { path: string; mode: string; content: string }[];
}

/** Runs `rw vpn …` in this process against the test app's database (as `npm run cli -- vpn …` would). */
async function cli(t: TestApp, ...args: string[]): Promise<void> {
  const saved = process.env;
  // the app's configuration, back to the text of environment variables
  const env = Object.fromEntries(
    Object.entries(t.config.env as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, String(v)]),
  );
  process.env = { ...saved, ...env, LOG_LEVEL: 'silent' };
  const out = process.stdout.write;
  process.stdout.write = () => true;
  try {
    const program = new Command('rw').exitOverride();
    vpnCommands(program);
    await program.parseAsync(['node', 'rw', 'vpn', ...args]);
  } finally {
    process.stdout.write = out;
    process.env = saved;
  }
}

/**
 * The gateway bundle (issue 13): what a gateway administrator installs, from the API (JSON or tar.gz) and the CLI,
 * always the current state — the CA and CRL the service publishes, the scripts of gateway/, the ruleset of the
 * gateway's networks — and reachable by technicians, admins and the gateway's own credential only.
 */
describe('the gateway bundle', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let technician: string;
  let hotline: string;
  let vpn1: { id: string; name: string; host: string };
  let vpn2: { id: string };
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { PUBLIC_BASE_URL: 'https://lavoro-agile.comune.prato.it' } });
    technician = await t.tokenFor('technician');
    hotline = await t.tokenFor('hotline');
    const gateways = (await t.http().get('/api/v1/vpn/gateways').set(auth(hotline)).expect(200)).body;
    vpn1 = gateways.find((g: { name: string }) => g.name === 'vpn1');
    vpn2 = gateways.find((g: { name: string }) => g.name === 'vpn2');
    dir = tempDir(`rw-bundle-${process.pid}-`);
  });
  afterAll(async () => {
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const bundle = async (id: string, token = technician, query = ''): Promise<Bundle> =>
    (await t.http().get(`/api/v1/vpn/gateways/${id}/bundle${query}`).set(auth(token)).expect(200)).body;
  const file = (b: Bundle, p: string) => b.files.find((f) => f.path === p)!.content;

  it('carries server.conf, the published CA and CRL, the ruleset, the signing key, the scripts of gateway/ and the README', async () => {
    const res = await t.http().get(`/api/v1/vpn/gateways/${vpn1.id}/bundle`).set(auth(technician)).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const b: Bundle = res.body;
    expect(b).toMatchObject({ gatewayId: vpn1.id, gatewayName: 'vpn1', installDir: '/etc/openvpn' });
    expect(b.files.map((f) => [f.path, f.mode])).toEqual(FILES);

    const conf = file(b, 'server.conf').split('\n');
    expect(conf).toEqual(
      expect.arrayContaining([
        'cd /etc/openvpn',
        'port 1194',
        'proto udp',
        'dev rw-udp1194',
        'ifconfig 10.8.0.1 255.255.252.0',
        'crl-verify crl.pem',
        'client-connect /etc/openvpn/remote-work/connect-check.sh',
      ]),
    );
    expect(file(b, 'ca.pem')).toBe((await t.http().get('/pki/ca.pem').expect(200)).text);
    expect(file(b, 'crl.pem')).toBe((await t.http().get('/pki/crl.pem').expect(200)).text);
    expect(file(b, 'allow-list.pub.pem')).toBe((await t.http().get('/api/v1/vpn/gateways/signing-key.pem').expect(200)).text);
    for (const name of ['connect-check.sh', 'crl-refresh.sh', 'allow-list-refresh.sh'])
      expect(file(b, `remote-work/${name}`)).toBe(fs.readFileSync(path.join(REPO, 'gateway', name), 'utf8'));

    const gatewayConf = file(b, 'remote-work/gateway.conf');
    expect(gatewayConf).toMatch(/^SERVICE_URL=https:\/\/lavoro-agile\.comune\.prato\.it$/m);
    expect(gatewayConf).toMatch(new RegExp(`^GATEWAY_ID=${vpn1.id}$`, 'm'));
    expect(gatewayConf).toMatch(/^TOKEN_FILE=/m);
    // never a secret: no private key, no bearer token anywhere in the bundle
    const all = b.files.map((f) => f.content).join('\n');
    expect(all).not.toMatch(/PRIVATE KEY|rwg_|Bearer [A-Za-z0-9]/);

    const nft = file(b, 'nftables.conf');
    expect(nft).toContain('table inet remote_work {');
    expect(nft).toContain('ip saddr 10.8.0.0/22 ip daddr 172.16.20.0/24 tcp dport { 443, 3389 } accept');

    const readme = file(b, 'README.it.md');
    expect(readme).toContain('apt-get install openvpn nftables curl openssl');
    expect(readme).toContain('permessi 600');
    expect(readme).toContain('remote-work-refresh.timer');
    expect(readme).toMatch(/allow-list firmata/);
    expect(readme).toContain('**240 minuti**');
    expect(readme).toContain('Nessun registro delle connessioni');

    // the CRL the bundle carries parses and is signed by the CA it carries
    const crlFile = write(dir, 'crl.pem', file(b, 'crl.pem'));
    const caFile = write(dir, 'ca.pem', file(b, 'ca.pem'));
    expect((await openssl(['crl', '-noout', '-in', crlFile, '-CAfile', caFile])).stderr).toMatch(/verify OK/);
  });

  it('as tar.gz: the same files with their modes; the CLI writes them too', async () => {
    const json = await bundle(vpn1.id, technician, '?dir=/srv/remote-work/vpn1&serviceUrl=http://10.1.2.3:3000');
    const res = await t
      .http()
      .get(`/api/v1/vpn/gateways/${vpn1.id}/bundle?format=tar&dir=/srv/remote-work/vpn1&serviceUrl=http://10.1.2.3:3000`)
      .set(auth(technician))
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/gzip/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="remote-work-gateway-vpn1.tar.gz"');
    const archive = write(dir, 'bundle.tar.gz', res.body as Buffer);
    const out = path.join(dir, 'tar');
    fs.mkdirSync(out);
    const untar = await run('tar', ['-xzf', archive, '-C', out]);
    expect(untar).toMatchObject({ code: 0, stderr: '' });
    for (const [p, mode] of FILES) {
      const target = path.join(out, p);
      expect([p, (fs.statSync(target).mode & 0o777).toString(8).padStart(4, '0')]).toEqual([p, mode]);
      const expected = file(json, p).replace(/generated [0-9T:.Z-]+|pacchetto del [0-9T:.Z-]+|il [0-9T:.Z-]+ per/g, '');
      expect(fs.readFileSync(target, 'utf8').replace(/generated [0-9T:.Z-]+|pacchetto del [0-9T:.Z-]+|il [0-9T:.Z-]+ per/g, '')).toBe(expected);
    }
    expect(fs.readFileSync(path.join(out, 'server.conf'), 'utf8')).toContain('\nclient-connect /srv/remote-work/vpn1/remote-work/connect-check.sh\n');
    expect(fs.readFileSync(path.join(out, 'remote-work/gateway.conf'), 'utf8')).toMatch(/^SERVICE_URL=http:\/\/10\.1\.2\.3:3000$/m);
    // the scripts run as they came out of the archive (sh parses them)
    expect((await run('sh', ['-n', path.join(out, 'remote-work/connect-check.sh')])).code).toBe(0);

    const cliOut = path.join(dir, 'cli');
    await cli(t, 'gateway-bundle', 'vpn1', '--out', cliOut, '--dir', '/srv/remote-work/vpn1');
    for (const [p, mode] of FILES) expect([p, (fs.statSync(path.join(cliOut, p)).mode & 0o777).toString(8).padStart(4, '0')]).toEqual([p, mode]);
    expect(fs.readFileSync(path.join(cliOut, 'remote-work/gateway.conf'), 'utf8')).toMatch(new RegExp(`^GATEWAY_ID=${vpn1.id}$`, 'm'));
    expect(fs.readFileSync(path.join(cliOut, 'server.conf'), 'utf8')).toContain('\ncd /srv/remote-work/vpn1\n');

    expect((await t.http().get(`/api/v1/vpn/gateways/${vpn1.id}/bundle?dir=etc/openvpn`).set(auth(technician)).expect(400)).body.error.code).toBe(
      'INVALID_BUNDLE_OPTION',
    );
  });

  it("goes to technicians, admins and the gateway's own credential only", async () => {
    const credential = (await t.http().post(`/api/v1/vpn/gateways/${vpn1.id}/credential`).set(auth(technician)).expect(201)).body.token;
    expect((await bundle(vpn1.id, credential)).gatewayId).toBe(vpn1.id);
    expect((await bundle(vpn1.id, t.adminToken)).gatewayId).toBe(vpn1.id);
    expect((await t.http().get(`/api/v1/vpn/gateways/${vpn2.id}/bundle`).set(auth(credential)).expect(403)).body.error.code).toBe('GATEWAY_NOT_OWN');
    await t.http().get(`/api/v1/vpn/gateways/${vpn1.id}/bundle`).set(auth(hotline)).expect(403);
    await t.http().get(`/api/v1/vpn/gateways/${vpn1.id}/bundle`).expect(401);
  });

  it('downloaded again after a change, gives the new state: CRL after a revocation, ruleset after the networks or the host change', async () => {
    const before = await bundle(vpn1.id);

    // a new account placed on a gateway, then revoked: the next bundle's CRL lists its certificate
    const api = hotlineApi(t, hotline);
    const person = await provisionable(t, today);
    const laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    const issued = (await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201)).body;
    await api.revoke(account.id).expect(200);
    const afterRevocation = await bundle(vpn1.id);
    expect(file(afterRevocation, 'crl.pem')).not.toBe(file(before, 'crl.pem'));
    const crlText = (await openssl(['crl', '-noout', '-text', '-in', write(dir, 'crl2.pem', file(afterRevocation, 'crl.pem'))])).stdout;
    expect(listedSerials(crlText)).toContain(canonicalSerial(issued.certificate.serial));

    // the gateway's own networks instead of the profile's: pushed routes and ruleset follow
    await t
      .http()
      .patch(`/api/v1/vpn/gateways/${vpn1.id}`)
      .set(auth(t.adminToken))
      .send({ networks: [{ cidr: '10.10.0.0/16', ports: ['tcp/443', 'udp/53'] }] })
      .expect(200);
    const edited = await bundle(vpn1.id);
    expect(file(edited, 'nftables.conf')).toContain('ip saddr 10.8.0.0/22 ip daddr 10.10.0.0/16 tcp dport 443 accept');
    expect(file(edited, 'nftables.conf')).toContain('ip saddr 10.8.0.0/22 ip daddr 10.10.0.0/16 udp dport 53 accept');
    expect(file(edited, 'nftables.conf')).not.toContain('172.16.20.0/24');
    expect(file(edited, 'README.it.md')).toContain('10.10.0.0/16 (solo tcp/443, udp/53)');
    expect((await t.http().get(`/api/v1/vpn/gateways/${vpn1.id}`).set(auth(hotline)).expect(200)).body).toMatchObject({
      networks: [{ cidr: '10.10.0.0/16', ports: ['tcp/443', 'udp/53'] }],
      tunDevice: 'rw-udp1194',
    });
    // a network over a pool is refused; null gives the profile's back
    const bad = await t
      .http()
      .patch(`/api/v1/vpn/gateways/${vpn1.id}`)
      .set(auth(t.adminToken))
      .send({ networks: [{ cidr: '10.8.0.0/16' }] })
      .expect(400);
    expect(bad.body.error.code).toBe('INVALID_GATEWAY_NETWORKS');
    await t.http().patch(`/api/v1/vpn/gateways/${vpn1.id}`).set(auth(t.adminToken)).send({ networks: null }).expect(200);
    expect(file(await bundle(vpn1.id), 'nftables.conf')).toContain('ip saddr 10.8.0.0/22 ip daddr 172.16.20.0/24 tcp dport { 443, 3389 } accept');

    // a second instance on vpn1's host (the tecnici profile, over TCP): both bundles carry one ruleset with both chains
    const added = (
      await t
        .http()
        .post('/api/v1/vpn/gateways')
        .set(auth(t.adminToken))
        .send({ name: 'vpn1-tecnici', host: vpn1.host, port: 1195, proto: 'tcp', profile: 'tecnici', capacity: 20 })
        .expect(201)
    ).body;
    const [one, other] = [await bundle(vpn1.id), await bundle(added.id)];
    const strip = (s: string) => s.replace(/generated [0-9T:.Z-]+/, '');
    expect(strip(file(one, 'nftables.conf'))).toBe(strip(file(other, 'nftables.conf')));
    expect(file(one, 'nftables.conf')).toContain('iifname "rw-tcp1195" jump from_vpn_rw_tcp1195');
    expect(file(one, 'nftables.conf')).toContain('ip saddr 10.8.8.0/24 ip daddr 10.20.0.0/16 accept');
    expect(file(other, 'server.conf')).toContain('\nifconfig 10.8.8.1 255.255.255.0\n');
  });
});
