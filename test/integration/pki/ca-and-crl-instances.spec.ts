import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditService } from '../../../src/audit/audit.service';
import { Clock } from '../../../src/common/clock';
import { loadConfig } from '../../../src/config/app-config';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { CaRepository } from '../../../src/pki/ca.repository';
import { CaStore, PkiStartupError } from '../../../src/pki/ca-store';
import { CertificateRepository } from '../../../src/pki/certificate.repository';
import { CrlService } from '../../../src/pki/crl.service';
import { PkiSettings } from '../../../src/pki/pki-settings';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { createTestDatabase, TestDatabase } from '../../helpers/test-db';
import { crlNumber, openssl, tempDir, write } from './pki-test-tools';

// real openssl / OpenVPN processes and RSA key generation on a 2-core machine shared with other suites
jest.setTimeout(120_000);

/**
 * Several instances on one database share one CA (created once, by a conditional insert) and one strictly
 * increasing CRL Number (allocated under a row lock). The passphrase guards the key at start.
 */
describe('PKI across instances: one CA, one CRL number sequence, passphrase checks', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    if (db.kind === 'postgres') {
      // both start at once on an empty database: migrations queue on the advisory lock, the CA insert races
      [a, b] = await Promise.all([startTestApp({ database: db }), startTestApp({ database: db })]);
    } else {
      // SQLite is a single-instance database: the second process starts after the first
      a = await startTestApp({ database: db });
      b = await startTestApp({ database: db });
    }
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await db.drop();
  });

  it('creates the CA once: both instances serve the same CA and the database holds one row', async () => {
    const caA = (await a.http().get('/pki/ca.pem').expect(200)).text;
    const caB = (await b.http().get('/pki/ca.pem').expect(200)).text;
    expect(caA).toBe(caB);
    const rows = await a.dataSource.query('SELECT fingerprint_sha256 FROM pki_ca');
    expect(rows).toHaveLength(1);
    expect(fs.readFileSync(path.join(a.config.dataDir, 'pki', 'ca.pem'), 'utf8')).toBe(caA);
  });

  it('allocates CRL numbers without duplicates when both instances rebuild at once', async () => {
    const before = (await a.get(CrlService).current()).crlNumber;
    // SQLite has one writer process by design (several instances means PostgreSQL): there the race is in-process
    const racers = db.kind === 'postgres' ? [a, b] : [a];
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => racers[i % racers.length].get(CrlService).refresh('force')));
    const numbers = results.map((r) => r.crl.crlNumber).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers[0]).toBeGreaterThan(before);
    expect(numbers[5]).toBe(before + 6);

    // each instance serves the latest one, and openssl sees the same number in it
    const dir = tempDir();
    const caFile = write(dir, 'ca.pem', (await b.http().get('/pki/ca.pem')).text);
    for (const app of [a, b]) {
      const crlFile = write(dir, `crl-${app.url.split(':').pop()}.pem`, (await app.http().get('/pki/crl.pem').expect(200)).text);
      expect(await crlNumber(crlFile)).toBe(before + 6);
      expect((await openssl(['crl', '-in', crlFile, '-CAfile', caFile, '-noout'])).code).toBe(0);
    }
  });

  it('refuses to load the CA with a passphrase that does not decrypt its key', async () => {
    const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATA_DIR: tempDir(), CA_PASSPHRASE: 'a-different-passphrase-123', ...db.env });
    const store = new CaStore(
      config,
      PkiSettings.load(config),
      a.get(CaRepository),
      a.get(CertificateRepository),
      a.get(UnitOfWork),
      a.get(AuditService),
      a.get(Clock),
    );
    await expect(store.get()).rejects.toThrow(PkiStartupError);
    await expect(store.get()).rejects.toThrow(/CA_PASSPHRASE/);
  });
});

describe('PKI first start without CA_PASSPHRASE (development)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CA_PASSPHRASE: undefined } });
  });
  afterAll(() => t.close());

  it('generates a passphrase into DATA_DIR/pki (0600) and encrypts the CA key under it', async () => {
    const pkiDir = path.join(t.config.dataDir, 'pki');
    const file = path.join(pkiDir, 'ca-passphrase');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const passphrase = fs.readFileSync(file, 'utf8').trim();
    expect(passphrase.length).toBeGreaterThanOrEqual(32);
    const opened = await openssl(['pkey', '-in', path.join(pkiDir, 'ca.key'), '-passin', `pass:${passphrase}`, '-noout']);
    expect(opened.code).toBe(0);
    const wrong = await openssl(['pkey', '-in', path.join(pkiDir, 'ca.key'), '-passin', 'pass:test-ca-passphrase-not-secret', '-noout']);
    expect(wrong.code).not.toBe(0);
    await t.http().get('/pki/crl.pem').expect(200);
  });
});
