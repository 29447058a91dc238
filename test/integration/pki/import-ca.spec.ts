import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditEventEntity } from '../../../src/audit/audit-event.entity';
import { cliActor } from '../../../src/common/auth/roles';
import { DomainError } from '../../../src/common/errors/domain-error';
import { CaStore } from '../../../src/pki/ca-store';
import { CrlService } from '../../../src/pki/crl.service';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { fetchPublic, issueStation, openssl, tempDir, write } from './pki-test-tools';

// real openssl / OpenVPN processes and RSA key generation on a 2-core machine shared with other suites
jest.setTimeout(120_000);

/** An existing municipal hierarchy made with openssl: a root and an intermediate to import. */
async function hierarchy(dir: string): Promise<void> {
  const ext = write(
    dir,
    'ca.ext',
    'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign,digitalSignature\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  const steps: string[][] = [
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
      '/C=IT/O=Comune di Prato/CN=Prato Root CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'other.key',
      '-out',
      'other.pem',
      '-days',
      '3650',
      '-subj',
      '/CN=Unrelated Root',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    ],
    ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'int.key', '-out', 'int.csr', '-subj', '/C=IT/O=Comune di Prato/CN=Prato VPN Intermediate'],
    ['x509', '-req', '-in', 'int.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'int.pem', '-days', '1825', '-extfile', ext],
    ['pkey', '-in', 'int.key', '-aes256', '-passout', 'pass:import-me-please', '-out', 'int-enc.key'],
    ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=not a ca'],
    ['x509', '-req', '-in', 'leaf.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '30'],
  ];
  for (const args of steps) {
    const r = await openssl(args, { cwd: dir });
    if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  }
}

describe('pki import-ca: an existing intermediate with its chain replaces the generated CA', () => {
  let t: TestApp;
  let dir: string;
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');

  beforeAll(async () => {
    t = await startTestApp();
    dir = tempDir('rw-import-');
    await hierarchy(dir);
  });
  afterAll(() => t.close());

  async function code(work: () => Promise<unknown>): Promise<string> {
    try {
      await work();
    } catch (err) {
      if (err instanceof DomainError) return err.code;
      throw err;
    }
    return 'accepted';
  }

  it('refuses what is not a usable CA, with a code, changing nothing', async () => {
    const store = t.get(CaStore);
    const before = (await store.summary()).fingerprintSha256;
    const imp = (cert: string, key: string, extra: { chain?: string; pass?: string } = {}) =>
      code(() =>
        store.importCa(cliActor('test'), {
          certificatePem: read(cert),
          keyPem: read(key),
          chainPem: extra.chain ? read(extra.chain) : undefined,
          keyPassphrase: extra.pass,
        }),
      );
    expect(await imp('leaf.pem', 'leaf.key')).toBe('CA_NOT_A_CA');
    expect(await imp('int.pem', 'root.key', { chain: 'root.pem' })).toBe('CA_KEY_MISMATCH');
    expect(await imp('int.pem', 'int.key')).toBe('CA_CHAIN_MISSING');
    expect(await imp('int.pem', 'int.key', { chain: 'other.pem' })).toBe('CA_CHAIN_INVALID');
    expect(await imp('int.pem', 'int-enc.key', { chain: 'root.pem' })).toBe('CA_KEY_PASSPHRASE_WRONG');
    expect(await imp('int.pem', 'int-enc.key', { chain: 'root.pem', pass: 'wrong' })).toBe('CA_KEY_PASSPHRASE_WRONG');
    expect(await code(() => store.importCa(cliActor('test'), { certificatePem: 'junk', keyPem: read('int.key') }))).toBe('CA_CERTIFICATE_INVALID');
    expect((await store.summary()).fingerprintSha256).toBe(before);
  });

  it('imports the intermediate (encrypted key + chain): issued certificates and the CRL verify up to the root', async () => {
    const summary = await t.get(CaStore).importCa(cliActor('test'), {
      certificatePem: read('int.pem'),
      keyPem: read('int-enc.key'),
      chainPem: read('root.pem'),
      keyPassphrase: 'import-me-please',
    });
    expect(summary).toMatchObject({ source: 'imported', chainLength: 1 });
    expect(summary.subject).toContain('CN=Prato VPN Intermediate');
    await t.get(CrlService).refresh('read'); // the CA changed: the next CRL is signed by the intermediate

    const pkiDir = path.join(t.config.dataDir, 'pki');
    const keyFile = fs.readFileSync(path.join(pkiDir, 'ca.key'), 'utf8');
    expect(keyFile).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect((await openssl(['pkey', '-in', path.join(pkiDir, 'ca.key'), '-passin', 'pass:test-ca-passphrase-not-secret', '-noout'])).code).toBe(0); // re-encrypted under CA_PASSPHRASE
    expect(fs.readFileSync(path.join(pkiDir, 'chain.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');

    const issued = await issueStation(t, { username: 'mrossi', assetTag: 'PO-9', generateKey: true });
    const { caFile, crlFile, crlPem } = await fetchPublic(t, dir);
    expect(fs.readFileSync(caFile, 'utf8').match(/BEGIN CERTIFICATE/g)).toHaveLength(2); // intermediate + root
    const certFile = write(dir, 'issued.pem', issued.certificatePem);
    const verified = await openssl(['verify', '-purpose', 'sslclient', '-CAfile', caFile, certFile]);
    expect(verified.code).toBe(0);
    expect(crlPem).toMatch(/^-----BEGIN X509 CRL-----/);
    expect((await openssl(['crl', '-in', crlFile, '-noout', '-issuer'])).stdout).toContain('Prato VPN Intermediate');
    expect((await openssl(['crl', '-in', crlFile, '-CAfile', caFile, '-noout'])).code).toBe(0);
    expect((await openssl(['verify', '-crl_check', '-CAfile', caFile, '-CRLfile', crlFile, certFile])).code).toBe(0);

    const events = await t.dataSource.getRepository(AuditEventEntity).find({ where: { action: 'pki.ca-imported' } });
    expect(events).toHaveLength(1);
    expect(events[0].actor).toBe('cli:test');
    expect(events[0].summary).not.toMatch(/PRIVATE|import-me-please/);
  });

  it('refuses to replace a CA that has issued certificates (CA_IN_USE)', async () => {
    const result = await code(() => t.get(CaStore).importCa(cliActor('test'), { certificatePem: read('root.pem'), keyPem: read('root.key') }));
    expect(result).toBe('CA_IN_USE');
  });
});
