import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Attribute, Change } from 'ldapts';
import { generatePeople, LdapSandbox, personDn } from '../fixtures/ldap/directory-fixture';
import { createTestDatabase, TestDatabase } from '../helpers/test-db';
import { openssl } from '../integration/pki/pki-test-tools';
import { Onboardable, seedOnboardable, withDatabase } from '../fixtures/onboardable';
import { call, ensureBuilt, must, note, randomToken, ROOT, ServiceProcess, tempDir } from './support/service-process';

jest.setTimeout(180_000);

/**
 * Secrets never reach the logs. The service runs as in production (its own process, JSON logs to a file) at
 * LOG_LEVEL=debug, and so does the CLI that imports an existing CA; the test then exercises everything that
 * handles a secret — token creation, directory login (right and wrong passwords), browser sessions, a token
 * sent where it does not belong, the CA import with an encrypted key, issuance with a generated key (PKCS#12 and
 * its one-time password), a directory sync (bind password) — and greps the captured output for every one of them.
 * And the CA key at rest: encrypted under CA_PASSPHRASE, file mode 0600.
 */
describe('no secret in the logs; the CA key encrypted and 0600', () => {
  const dir = tempDir('rw-secrets-');
  const logFile = path.join(dir, 'all.log');
  const admin = randomToken();
  const caPassphrase = `ca-pass-${randomToken()}`;
  const importPassphrase = `import-pass-${randomToken()}`;
  const auditKey = `audit-key-${randomToken()}`;
  const [person] = generatePeople(1, 'sx');
  let db: TestDatabase;
  let ldap: LdapSandbox;
  let service: ServiceProcess;
  let env: Record<string, string>;
  let user: Onboardable;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    ldap = await LdapSandbox.create([person], { 'rw-hotline': [], 'vpn-users': [] });
    await ldap.admin((c) =>
      c.modify(
        ldap.groupDn('rw-hotline'),
        new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [personDn(person, ldap.baseDn)] }) }),
      ),
    );
    env = {
      DATA_DIR: db.dataDir,
      ...db.env,
      ...ldap.serviceEnv(),
      BOOTSTRAP_ADMIN_TOKEN: admin,
      CA_PASSPHRASE: caPassphrase,
      AUDIT_HMAC_KEY: auditKey,
      LOG_LEVEL: 'debug',
    };
    [user] = await withDatabase(env, (ds) => seedOnboardable(ds, `sx${Date.now().toString(36)}`, ['sx.generated'], () => null));

    // an existing CA (intermediate with an encrypted key) imported with the CLI, before the service starts
    const steps = [
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'root.key',
        '-out',
        'root.pem',
        '-days',
        '3650',
        '-subj',
        '/CN=Secrets Root',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'int.key', '-out', 'int.csr', '-subj', '/CN=Secrets Intermediate'],
      ['x509', '-req', '-in', 'int.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'int.pem', '-days', '1825', '-extfile', 'ca.ext'],
      ['pkey', '-in', 'int.key', '-aes256', '-passout', `pass:${importPassphrase}`, '-out', 'int-enc.key'],
    ];
    fs.writeFileSync(
      path.join(dir, 'ca.ext'),
      'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign,digitalSignature\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
    );
    for (const args of steps) expect((await openssl(args, { cwd: dir })).code).toBe(0);
    secrets.importedKeyBody = fs.readFileSync(path.join(dir, 'int.key'), 'utf8').split('\n')[5];
    fs.writeFileSync(path.join(dir, 'passphrase'), importPassphrase + '\n', { mode: 0o600 });
    const cli = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'dist', 'scripts', 'cli.js'),
        'pki',
        'import-ca',
        '--cert',
        path.join(dir, 'int.pem'),
        '--chain',
        path.join(dir, 'root.pem'),
        '--key',
        path.join(dir, 'int-enc.key'),
        '--key-passphrase-file',
        path.join(dir, 'passphrase'),
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH, TZ: 'UTC', NODE_ENV: 'production', ...env }, encoding: 'utf8' },
    );
    fs.appendFileSync(logFile, cli.stdout + cli.stderr);
    expect(cli.status).toBe(0);
    service = await ServiceProcess.start({ env, logFile });
  });

  afterAll(async () => {
    await service?.kill('SIGKILL');
    await ldap?.destroy().catch(() => undefined);
    await db?.drop();
  });

  it('exercises every secret-bearing path', async () => {
    const created = await must(service.url, 'POST', '/api/v1/tokens', { token: admin, body: { name: 'secrets-hotline', role: 'hotline' } });
    secrets.apiToken = created.token;
    const login = await must(service.url, 'POST', '/api/v1/auth/login', { body: { username: person.uid, password: person.password } });
    secrets.sessionToken = login.token;
    secrets.userPassword = person.password;
    secrets.wrongPassword = `Wr0ng-${randomToken().slice(5, 20)}`;
    expect((await call(service.url, 'POST', '/api/v1/auth/login', { body: { username: person.uid, password: secrets.wrongPassword } })).status).toBe(401);
    const session = await call(service.url, 'POST', '/api/v1/auth/session', { body: { token: secrets.apiToken } });
    expect(session.status).toBe(200);
    secrets.cookieToken = /rw_session=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(secrets.cookieToken.length).toBeGreaterThan(20);
    await must(service.url, 'GET', '/api/v1/auth/me', { headers: { Cookie: `rw_session=${secrets.cookieToken}` } });
    // a token where it does not belong: in the query string, in a body field, in a bad Authorization header
    await call(service.url, 'GET', `/api/v1/auth/me?token=${secrets.apiToken}`);
    await call(service.url, 'POST', '/api/v1/auth/session', { body: { token: secrets.apiToken.slice(0, -2) + 'zz' } });
    await call(service.url, 'GET', '/api/v1/auth/me', { headers: { Authorization: `Bearer ${secrets.apiToken}x` } });
    await call(service.url, 'POST', '/api/v1/tokens', { token: admin, body: { name: 'x', role: 'nope', password: secrets.userPassword } });

    // issuance with a generated key: PKCS#12 and one-time password, shown once
    const account = await must(service.url, 'POST', '/api/v1/vpn/accounts', {
      token: secrets.apiToken,
      body: { employeeId: user.employeeId, profile: 'dipendenti' },
    });
    await must(service.url, 'POST', `/api/v1/vpn/accounts/${account.id}/approve`, { token: secrets.apiToken, body: {} });
    const issued = await must(service.url, 'POST', `/api/v1/vpn/accounts/${account.id}/certificates`, {
      token: secrets.apiToken,
      body: { stationAssetId: user.laptopId, generateKey: true },
    });
    secrets.oneTimePassword = issued.oneTimePassword;
    secrets.pkcs12 = issued.pkcs12Base64.slice(100, 160);
    // the profile carries the key only inside the PKCS#12 under the one-time password
    expect(issued.openvpnProfile).not.toContain('PRIVATE KEY');
    secrets.profilePkcs12 = /<pkcs12>\n[^\n]+\n([^\n]+)/.exec(issued.openvpnProfile)?.[1] ?? '';
    expect(secrets.oneTimePassword.length).toBeGreaterThan(8);
    expect(secrets.profilePkcs12.length).toBeGreaterThan(40);

    // the directory, with its bind password
    const sync = await must(service.url, 'POST', '/api/v1/directory/sync?wait=true', { token: admin });
    expect(['ok', 'refused']).toContain(sync.status);
    secrets.ldapBindPassword = env.LDAP_BIND_PASSWORD;
    secrets.bootstrapAdmin = admin;
    secrets.caPassphrase = caPassphrase;
    secrets.importPassphrase = importPassphrase;
    secrets.auditHmacKey = auditKey;
    await service.stop(); // flush
  });

  it('finds none of them in the captured logs (LOG_LEVEL=debug), nor any private key', () => {
    const logs = fs.readFileSync(logFile, 'utf8');
    // every request was logged (pino-http, with its request id), refusals as warnings: the logs are not empty
    const levels = logs
      .split('\n')
      .map((l) => /"level":(\d+)/.exec(l)?.[1])
      .filter(Boolean);
    expect(logs.match(/"msg":"request (completed|errored)"/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
    expect(levels).toContain('30');
    expect(levels).toContain('40');
    note('security-logs', {
      logLines: levels.length,
      byLevel: levels.reduce<Record<string, number>>((m, l) => ((m[l as string] = (m[l as string] ?? 0) + 1), m), {}),
    });
    const found = Object.entries(secrets)
      .filter(([, value]) => value && logs.includes(value))
      .map(([name]) => name);
    expect(Object.keys(secrets).length).toBeGreaterThanOrEqual(13);
    expect(found).toEqual([]);
    expect(logs).not.toMatch(/PRIVATE KEY|rwt_[A-Za-z0-9_-]{20}/);
  });

  it('keeps the CA key encrypted under CA_PASSPHRASE (not the import passphrase), mode 0600', async () => {
    const keyFile = path.join(db.dataDir, 'pki', 'ca.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const pem = fs.readFileSync(keyFile, 'utf8');
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(pem).not.toContain(secrets.importedKeyBody);
    expect((await openssl(['pkey', '-in', keyFile, '-passin', `pass:${caPassphrase}`, '-noout'])).code).toBe(0);
    expect((await openssl(['pkey', '-in', keyFile, '-passin', `pass:${importPassphrase}`, '-noout'])).code).not.toBe(0);
    expect((await openssl(['pkey', '-in', keyFile, '-passin', 'pass:', '-noout'])).code).not.toBe(0);
    // stretched with PBKDF2-HMAC-SHA256 × 600,000 (0x927C0), not Node's default 2,048
    expect((await openssl(['asn1parse', '-in', keyFile])).stdout).toMatch(/:PBKDF2\n[\s\S]*INTEGER +:0927C0\n[\s\S]*:hmacWithSHA256/);
  });
});
