import { createPrivateKey } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditTamper } from '../../helpers/audit-tamper';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { createTestDatabase, TestDatabase } from '../../helpers/test-db';
import { issueStation, makeCsr, openssl, tempDir, write } from './pki-test-tools';

jest.setTimeout(180_000);

const PASSPHRASE = 'test-ca-passphrase-not-secret';
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
/** The KDF parameters of an encrypted PKCS #8 key, as openssl reads them. */
async function kdfOf(dir: string, pem: string): Promise<{ pbkdf2: boolean; prf: string | null; iterations: number | null; cipher: string | null }> {
  const out = (await openssl(['asn1parse', '-in', write(dir, `key-${Date.now()}-${Math.random()}.pem`, pem)])).stdout;
  const iterations = /:PBKDF2\n(?:.*\n)*?.*INTEGER +:([0-9A-F]+)\n/.exec(out)?.[1];
  return {
    pbkdf2: out.includes(':PBKDF2'),
    prf: /:(hmacWithSHA\d+)/.exec(out)?.[1] ?? null,
    iterations: iterations ? parseInt(iterations, 16) : null,
    cipher: /:(aes-\d+-cbc)/.exec(out)?.[1] ?? null,
  };
}

/**
 * DATA_DIR (database, CA key, generated secrets) is the service account's alone: 0700, files 0600, on a first start
 * and when an older installation (0755/0644) starts again. And the CA key at rest is stretched by a current KDF
 * (PBKDF2-HMAC-SHA256 × 600,000): a key stored by an earlier version (Node's default, 2,048 iterations) is
 * re-encrypted at the first start, once, audited, and still signs.
 */
describe('DATA_DIR modes and the CA key at rest', () => {
  let db: TestDatabase;
  let t: TestApp | null = null;
  const dir = tempDir('rw-ca-rest-');

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await t?.close();
    t = null;
    await db.drop();
  });

  it('creates DATA_DIR 0700 with its files 0600 (SQLite and journals, PKI, generated secrets), and fixes an older install', async () => {
    const dataDir = path.join(db.dataDir, 'data'); // not there yet: the service creates it
    const env = { DATA_DIR: dataDir, CA_PASSPHRASE: undefined, AUDIT_HMAC_KEY: undefined };
    t = await startTestApp({ database: db, env });
    await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name: 'some-write', role: 'rtd' }).expect(201);
    const owned = () => {
      const files = [path.join(dataDir, 'audit-hmac-key'), ...fs.readdirSync(path.join(dataDir, 'pki')).map((f) => path.join(dataDir, 'pki', f))];
      if (db.kind === 'sqlite') files.push(...['service.sqlite', 'service.sqlite-wal', 'service.sqlite-shm'].map((f) => path.join(dataDir, f)));
      return files;
    };
    const expectPrivate = () => {
      expect({ dir: modeOf(dataDir), pki: modeOf(path.join(dataDir, 'pki')) }).toEqual({ dir: 0o700, pki: 0o700 });
      const files = owned();
      for (const name of ['ca.pem', 'ca.key', 'ca-passphrase', 'crl.pem', 'crl.der']) expect(files).toContain(path.join(dataDir, 'pki', name));
      expect(Object.fromEntries(files.map((f) => [path.relative(dataDir, f), modeOf(f).toString(8)]))).toEqual(
        Object.fromEntries(files.map((f) => [path.relative(dataDir, f), '600'])),
      );
    };
    expectPrivate();
    await t.close();
    t = null;

    // an installation made by an earlier version: folder 0755, files 0644
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'pki'), 0o755);
    for (const f of owned()) if (fs.existsSync(f)) fs.chmodSync(f, 0o644);
    t = await startTestApp({ database: db, env });
    await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name: 'another-write', role: 'rtd' }).expect(201);
    expectPrivate();
  });

  it('re-encrypts a CA key stored with 2,048 PBKDF2 iterations at start, once and audited, and it still signs', async () => {
    t = await startTestApp({ database: db });
    const [created] = await t.dataSource.query("SELECT encrypted_key_pem, fingerprint_sha256 FROM pki_ca WHERE id = 'active'");
    expect(await kdfOf(dir, created.encrypted_key_pem)).toEqual({ pbkdf2: true, prf: 'hmacWithSHA256', iterations: 600_000, cipher: 'aes-256-cbc' });
    await t.close();
    t = null;

    // what an earlier version stored: Node's own PKCS #8 encryption of the same key (2,048 iterations)
    const key = createPrivateKey({ key: created.encrypted_key_pem, format: 'pem', passphrase: PASSPHRASE });
    const old = key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }) as string;
    expect(await kdfOf(dir, old)).toMatchObject({ iterations: 2048 });
    const mark = db.kind === 'postgres' ? '$1' : '?';
    const raw = await startRaw(db);
    await raw.query(`UPDATE pki_ca SET encrypted_key_pem = ${mark} WHERE id = 'active'`, [old]);
    await raw.end();
    fs.writeFileSync(path.join(db.dataDir, 'pki', 'ca.key'), old, { mode: 0o644 });
    fs.chmodSync(path.join(db.dataDir, 'pki', 'ca.key'), 0o644);

    t = await startTestApp({ database: db });
    const [rewrapped] = await t.dataSource.query("SELECT encrypted_key_pem, fingerprint_sha256 FROM pki_ca WHERE id = 'active'");
    expect(rewrapped.fingerprint_sha256).toBe(created.fingerprint_sha256);
    expect(rewrapped.encrypted_key_pem).not.toBe(old);
    expect(await kdfOf(dir, rewrapped.encrypted_key_pem)).toEqual({ pbkdf2: true, prf: 'hmacWithSHA256', iterations: 600_000, cipher: 'aes-256-cbc' });
    // the mirror follows, 0600, and openssl opens it with CA_PASSPHRASE
    const keyFile = path.join(db.dataDir, 'pki', 'ca.key');
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(rewrapped.encrypted_key_pem);
    expect(modeOf(keyFile)).toBe(0o600);
    expect((await openssl(['pkey', '-in', keyFile, '-passin', `pass:${PASSPHRASE}`, '-noout'])).code).toBe(0);
    const events = (await auditTamper(t).rows()).filter((r) => r.action === 'pki.ca-key-rewrapped');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entity_type: 'pki-ca', entity_id: created.fingerprint_sha256, actor: 'system' });
    expect(JSON.parse(events[0].summary)).toMatchObject({
      from: { kdf: 'PBKDF2', iterations: 2048 },
      to: { kdf: 'PBKDF2', prf: 'hmacWithSHA256', iterations: 600_000, cipher: 'aes-256-cbc' },
    });

    // the CA still signs: a station certificate and the CRL, checked by openssl
    const caFile = write(dir, 'ca.pem', (await t.http().get('/pki/ca.pem').expect(200)).text);
    const csr = await makeCsr(dir, 'mverdi');
    const issued = await issueStation(t, { username: 'mverdi', assetTag: 'PO-000999', csrPem: csr.csrPem });
    expect((await openssl(['verify', '-purpose', 'sslclient', '-CAfile', caFile, write(dir, 'mverdi.pem', issued.certificatePem)])).code).toBe(0);
    const crl = write(dir, 'crl.pem', (await t.http().get('/pki/crl.pem').expect(200)).text);
    expect((await openssl(['crl', '-in', crl, '-CAfile', caFile, '-noout'])).stderr).toContain('verify OK');
    expect((await t.http().get('/api/v1/audit/verify').set(auth(t.adminToken)).expect(200)).body).toMatchObject({ ok: true });
    await t.close();
    t = null;

    // idempotent: the next start finds the current KDF and changes nothing
    t = await startTestApp({ database: db });
    const [again] = await t.dataSource.query("SELECT encrypted_key_pem FROM pki_ca WHERE id = 'active'");
    expect(again.encrypted_key_pem).toBe(rewrapped.encrypted_key_pem);
    expect((await auditTamper(t).rows()).filter((r) => r.action === 'pki.ca-key-rewrapped')).toHaveLength(1);
  });
});

/** A plain connection to the test database (the service is stopped), SQLite or PostgreSQL. */
async function startRaw(db: TestDatabase): Promise<{ query: (sql: string, params: unknown[]) => Promise<unknown>; end: () => Promise<void> }> {
  const { DataSource } = await import('typeorm');
  const ds =
    db.kind === 'postgres'
      ? new DataSource({ type: 'postgres', url: db.env.DATABASE_URL })
      : new DataSource({ type: 'sqlite', database: path.join(db.dataDir, 'service.sqlite') });
  await ds.initialize();
  return { query: (sql, params) => ds.query(sql, params), end: () => ds.destroy() };
}
