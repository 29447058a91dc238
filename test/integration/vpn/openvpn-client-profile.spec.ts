import * as fs from 'node:fs';
import * as path from 'node:path';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { CertificateIssuer } from '../../../src/pki/certificate-issuer.service';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock, provisionable } from '../../e2e/vpn/vpn-fixtures';
import { makeCsr, tempDir, write } from '../pki/pki-test-tools';
import { count, sleep, stop, watch, Watched, startLoopbackGateway } from '../../helpers/openvpn';

// real OpenVPN processes and RSA key generation on a 2-core machine shared with other suites
jest.setTimeout(180_000);

const LISTENING = /Listening for incoming TCP connection/;

/**
 * The downloaded .ovpn against a real OpenVPN 2.6 server on loopback (`--dev null`, `--crl-verify` on the CRL
 * fetched from /pki/crl.pem, gateway certificate from our PKI with the gateway's host name as CN). The client
 * runs the profile as the laptop would — `--config <username>.ovpn` with the key file beside it — overriding only
 * the device (`--dev null`) and the remote (127.0.0.1), and for a generated key the one-time password (`--askpass`).
 * Accepted; refused after POST /vpn/accounts/:id/revoke.
 */
describe('VPN client profiles with a real OpenVPN', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let dir: string;
  let server: Watched | null = null;
  const clients: Watched[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock });
    dir = tempDir('rw-vpn-ovpn-');
  });
  afterAll(async () => {
    for (const c of clients) await stop(c);
    await stop(server);
    await t.close();
  });

  it('a station connects with its .ovpn, and is refused once the hot-line revokes the account', async () => {
    const hotline = await t.tokenFor('hotline');
    const api = hotlineApi(t, hotline);
    // One gateway in service for this test, so both profiles name the host of the one server started below.
    const gateways = (await t.http().get('/api/v1/vpn/gateways').set(auth(hotline)).expect(200)).body as { id: string; name: string }[];
    for (const g of gateways.filter((x) => x.name === 'vpn2' || x.name === 'vpn3')) {
      await t.http().patch(`/api/v1/vpn/gateways/${g.id}`).set(auth(t.adminToken)).send({ enabled: false }).expect(200);
    }

    // Two workers, both placed on a gateway: one from a CSR (key on the laptop), one with a generated key (<pkcs12>).
    const anna = await provisionable(t, today, { username: 'anna.ferri' });
    const annaLaptop = await handOverLaptop(t, anna.id);
    const annaAccount = await approvedAccount(t, hotline, anna.id);
    const annaKey = await makeCsr(dir, 'anna.ferri');
    await api.issue(annaAccount.id, { csrPem: annaKey.csrPem, stationAssetId: annaLaptop.id }).expect(201);
    await api.installed(annaAccount.id, { activate: true }).expect(200);
    const annaDir = fs.mkdtempSync(path.join(dir, 'anna-'));
    const annaProfile = (await api.profile(annaAccount.id).expect(200)).body.toString('utf8');
    write(annaDir, 'anna.ferri.ovpn', annaProfile);
    fs.copyFileSync(annaKey.keyFile, path.join(annaDir, 'anna.ferri.key')); // "in anna.ferri.key beside this profile"
    fs.chmodSync(path.join(annaDir, 'anna.ferri.key'), 0o600);

    const bruno = await provisionable(t, today, { username: 'bruno.galli' });
    const brunoLaptop = await handOverLaptop(t, bruno.id);
    const brunoAccount = await approvedAccount(t, hotline, bruno.id);
    const brunoIssued = (await api.issue(brunoAccount.id, { stationAssetId: brunoLaptop.id, generateKey: true }).expect(201)).body;
    const brunoDir = fs.mkdtempSync(path.join(dir, 'bruno-'));
    fs.writeFileSync(path.join(brunoDir, 'bruno.galli.ovpn'), brunoIssued.openvpnProfile, { mode: 0o600 });
    // the one-time password of the PKCS#12 in the profile, typed by the user (here: read from a file)
    fs.writeFileSync(path.join(brunoDir, 'password'), `${brunoIssued.oneTimePassword}\n`, { mode: 0o600 });

    // The gateway: a server certificate for the host name the profiles name (verify-x509-name checks it).
    expect(annaAccount.gateway!.name).toBe('vpn1');
    expect(brunoAccount.gateway!.name).toBe('vpn1');
    const first = annaAccount.gateway!.host;
    expect(annaProfile).toContain(`verify-x509-name ${first} name`);
    const gateway = await t
      .get(UnitOfWork)
      .run((tx) => t.get(CertificateIssuer).issueServerCertificate(tx, { commonName: first, ipAddresses: ['127.0.0.1'] }, SYSTEM_ACTOR));
    const caFile = write(dir, 'ca.pem', (await t.http().get('/pki/ca.pem').expect(200)).text);
    const crlFile = write(dir, 'crl.pem', (await t.http().get('/pki/crl.pem').expect(200)).text);
    write(dir, 'server.pem', gateway.certificatePem);
    fs.writeFileSync(path.join(dir, 'server.key'), gateway.privateKeyPem, { mode: 0o600 });

    let port: number;
    ({ server, port } = await startLoopbackGateway(dir, caFile, crlFile));

    // The profile as downloaded; only the device and the remote come from the command line.
    const connect = (cwd: string, profile: string) => {
      const askpass = fs.existsSync(path.join(cwd, 'password')) ? ['--askpass', 'password'] : [];
      const c = watch(
        'openvpn',
        [
          '--remote',
          '127.0.0.1',
          String(port),
          'tcp-client',
          '--config',
          profile,
          ...askpass,
          '--dev',
          'null',
          '--connect-retry-max',
          '1',
          '--resolv-retry',
          '0',
        ],
        cwd,
      );
      clients.push(c);
      return c;
    };
    const nextListening = async (n: number) => expect(await server!.waitFor(new RegExp(`(${LISTENING.source}[\\s\\S]*){${n}}`), 20_000)).toBe(true);

    let client = connect(annaDir, 'anna.ferri.ovpn');
    if (!(await client.waitFor(/Initialization Sequence Completed/, 25_000)))
      throw new Error(`anna did not connect:\n${client.output()}\n--- server ---\n${server.output()}`);
    expect(server.output()).toMatch(/VERIFY OK: depth=0, .*CN=anna\.ferri/);
    expect(client.output()).toMatch(new RegExp(`VERIFY X509NAME OK: .*CN=${first.replace(/\./g, '\\.')}`));
    await stop(client);
    await nextListening(2);

    client = connect(brunoDir, 'bruno.galli.ovpn');
    if (!(await client.waitFor(/Initialization Sequence Completed/, 25_000)))
      throw new Error(`bruno did not connect:\n${client.output()}\n--- server ---\n${server.output()}`);
    expect(server.output()).toMatch(/VERIFY OK: depth=0, .*CN=bruno\.galli/);

    // While Bruno is connected the hot-line revokes Anna's account and the gateway fetches the CRL again. (A
    // point-to-point OpenVPN server reads the CRL when it prepares for its next client, i.e. when the current one
    // leaves — as the log's "CRL: loaded" lines show; a multi-client server reads it at each new connection.)
    const revoked = await api.revoke(annaAccount.id, 'keyCompromise').expect(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', certificate: { status: 'revoked' } });
    fs.writeFileSync(crlFile, (await t.http().get('/pki/crl.pem').expect(200)).text);
    await stop(client);
    await nextListening(3);

    const before = server.output().length;
    client = connect(annaDir, 'anna.ferri.ovpn');
    expect(await client.waitFor(/Initialization Sequence Completed/, 12_000)).toBe(false);
    await Promise.race([client.exited, sleep(5000)]);
    const refusal = server.output().slice(before);
    if (!/VERIFY ERROR: depth=0, error=certificate revoked/.test(refusal))
      throw new Error(`no revocation refusal:\n${refusal}\n--- client ---\n${client.output()}`);
    expect(client.output()).not.toContain('Initialization Sequence Completed');
    await stop(client);

    // Bruno, whose certificate is fine, still gets in with the same CRL.
    expect(count(server.output(), LISTENING)).toBeGreaterThanOrEqual(3);
    await nextListening(4);
    client = connect(brunoDir, 'bruno.galli.ovpn');
    expect(await client.waitFor(/Initialization Sequence Completed/, 25_000)).toBe(true);
  });
});
