import * as fs from 'node:fs';
import * as path from 'node:path';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { CertificateIssuer } from '../../../src/pki/certificate-issuer.service';
import { sleep, stop, watch, Watched, startLoopbackGateway } from '../../helpers/openvpn';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { fetchPublic, issueStation, tempDir, write } from './pki-test-tools';

// real openssl / OpenVPN processes and RSA key generation on a 2-core machine shared with other suites
jest.setTimeout(120_000);

/**
 * The end-to-end proof with a real OpenVPN 2.6 on loopback (`--dev null`, no tun device): the server uses a
 * gateway certificate from our server-certificate function and `--crl-verify` on the CRL fetched from
 * /pki/crl.pem; a station with a good certificate connects, and after revocation it is refused.
 */
describe('PKI with a real OpenVPN: a station connects, and is refused once its certificate is revoked', () => {
  let t: TestApp;
  let dir: string;
  let server: Watched | null = null;
  let client: Watched | null = null;

  beforeAll(async () => {
    t = await startTestApp();
    dir = tempDir('rw-ovpn-');
  });
  afterAll(async () => {
    await stop(client);
    await stop(server);
    await t.close();
  });

  it('accepts the station, then refuses it after POST /certificates/:serial/revoke and a CRL refetch', async () => {
    const gateway = await t
      .get(UnitOfWork)
      .run((tx) => t.get(CertificateIssuer).issueServerCertificate(tx, { commonName: 'vpn1.comune.example', ipAddresses: ['127.0.0.1'] }, SYSTEM_ACTOR));
    write(dir, 'server.pem', gateway.certificatePem);
    fs.writeFileSync(path.join(dir, 'server.key'), gateway.privateKeyPem, { mode: 0o600 });
    const station = await issueStation(t, { username: 'mrossi', assetTag: 'PO-000123', generateKey: true });
    // a generated station key comes only inside the PKCS#12 under its one-time password
    expect(station.privateKeyPem).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'station.p12'), Buffer.from(station.pkcs12Base64!, 'base64'), { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'station.pass'), `${station.oneTimePassword}\n`, { mode: 0o600 });
    const { caFile, crlPem } = await fetchPublic(t, dir);
    const crlFile = write(dir, 'gateway-crl.pem', crlPem);

    let port: number;
    ({ server, port } = await startLoopbackGateway(dir, caFile, crlFile));

    const connect = () =>
      watch('openvpn', [
        '--tls-client',
        '--dev',
        'null',
        '--proto',
        'tcp-client',
        '--remote',
        '127.0.0.1',
        String(port),
        '--ca',
        caFile,
        '--pkcs12',
        path.join(dir, 'station.p12'),
        '--askpass',
        path.join(dir, 'station.pass'),
        '--remote-cert-tls',
        'server',
        '--connect-retry-max',
        '1',
        '--tls-exit',
        '--verb',
        '3',
      ]);

    client = connect();
    const connected = await client.waitFor(/Initialization Sequence Completed/, 20_000);
    if (!connected) throw new Error(`station did not connect:\n${client.output()}\n--- server ---\n${server.output()}`);
    expect(server.output()).toMatch(/VERIFY OK: depth=0, .*CN=mrossi/);

    // revoke as the hot-line does; the gateway refetches the CRL. A point-to-point server reads it when it restarts
    // after its client leaves, so the new CRL is on disk BEFORE the client goes (else a quick restart reads the old one)
    const hotline = await t.tokenFor('hotline');
    await t.http().post(`/api/v1/certificates/${station.serial}/revoke`).set(auth(hotline)).send({ reason: 'keyCompromise' }).expect(200);
    fs.writeFileSync(crlFile, (await t.http().get('/pki/crl.pem').expect(200)).text);
    await stop(client);
    // wait until the p2p server is listening again after the first client left
    expect(await server.waitFor(/Listening for incoming TCP connection[\s\S]*Listening for incoming TCP connection/, 15_000)).toBe(true);

    const serverBefore = server.output().length;
    client = connect();
    const connectedAgain = await client.waitFor(/Initialization Sequence Completed/, 12_000);
    expect(connectedAgain).toBe(false);
    await Promise.race([client.exited, sleep(8000)]);
    const serverAfter = server.output().slice(serverBefore);
    if (!/VERIFY ERROR: depth=0, error=certificate revoked/.test(serverAfter))
      throw new Error(`no revocation refusal:\n${serverAfter}\n--- client ---\n${client.output()}`);
    expect(client.output()).not.toContain('Initialization Sequence Completed');
  });
});
