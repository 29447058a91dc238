import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTestDatabase, TestDatabase } from '../helpers/test-db';
import { differences, fingerprint, RawDb } from './support/database';
import { call, ensureBuilt, must, note, randomToken, ServiceProcess, tempDir, tokenFor } from './support/service-process';

jest.setTimeout(180_000);

/**
 * The SQLite database file stops accepting writes while the service runs (what a disk remounted read-only or
 * a full or failing volume does to an open file). Emulated with the immutable attribute on the database file and
 * its WAL (`chattr +i`, ext4: every write to them fails with EPERM, reads go on; the -shm file is left alone, it
 * is a memory map). Writes must fail with a clean error and a code, leave nothing half-written, and the service
 * must stay up and keep answering reads; once the file is writable again, writes work without a restart.
 */
describe('SQLite database file read-only while the service runs', () => {
  let db: TestDatabase;
  let raw: RawDb;
  let service: ServiceProcess;
  const admin = randomToken();
  let tech: string;
  let hotline: string;
  const dir = tempDir('rw-readonly-');
  let files: string[] = [];
  let frozen = false;

  const freeze = (on: boolean) => {
    execFileSync('chattr', [on ? '+i' : '-i', ...files]);
    frozen = on;
  };

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase('sqlite');
    service = await ServiceProcess.start({
      env: { DATA_DIR: db.dataDir, BOOTSTRAP_ADMIN_TOKEN: admin, LOG_LEVEL: 'warn' },
      logFile: path.join(dir, 'service.log'),
    });
    tech = await tokenFor(service.url, admin, 'technician');
    hotline = await tokenFor(service.url, admin, 'hotline');
    raw = await RawDb.open(db);
    const file = path.join(db.dataDir, 'service.sqlite');
    files = [file, `${file}-wal`].filter((f) => fs.existsSync(f));
  });

  afterAll(async () => {
    if (frozen) freeze(false);
    await service?.kill('SIGKILL');
    await raw?.close();
    await db?.drop();
  });

  it('answers writes with a clean error and a code, keeps serving reads, writes nothing, and recovers', async () => {
    const model = await must(service.url, 'POST', '/api/v1/models', {
      token: tech,
      body: { kind: 'laptop', manufacturer: 'Lenovo', model: 'ThinkPad RO', specs: {} },
    });
    const tables = await raw.tables();
    const before = await fingerprint(raw, tables);
    const crlBefore = fs.readFileSync(path.join(db.dataDir, 'pki', 'crl.pem'), 'utf8');

    freeze(true);
    const writes = [
      () => call(service.url, 'POST', '/api/v1/models', { token: tech, body: { kind: 'mouse', manufacturer: 'Logitech', model: 'M100 RO', specs: {} } }),
      () =>
        call(service.url, 'POST', '/api/v1/lots', {
          token: tech,
          body: { modelId: model.id, supplier: 'Fornitore', quantity: 10, unitPriceCents: 50000, orderNumber: 'RO-1', orderDate: '2026-01-10' },
        }),
      () => call(service.url, 'POST', '/api/v1/tokens', { token: admin, body: { name: 'ro', role: 'rtd' } }),
      () => call(service.url, 'POST', `/api/v1/assets/import?lotId=${model.id}`, { token: tech, raw: 'serial\nRO0001\n', contentType: 'text/csv' }),
      () => call(service.url, 'POST', '/api/v1/certificates/1234abcd/revoke', { token: hotline, body: { reason: 'keyCompromise' } }),
    ];
    const answers: { status: number; code: string }[] = [];
    for (const write of writes) {
      const r = await write();
      answers.push({ status: r.status, code: r.body?.error?.code });
      expect(r.status).not.toBe(200);
      expect(r.status).not.toBe(201);
      if (r.status >= 500) {
        expect([500, 503]).toContain(r.status);
        expect(r.body.error.code).toMatch(/^[A-Z][A-Z_]+$/);
        expect(JSON.stringify(r.body)).not.toMatch(/SQLITE|sqlite3|at .*\.js/);
      }
    }
    note('faults-readonly', { answers });
    // at least the plain inserts reached the disk and were refused by it (not a validation error in front)
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThanOrEqual(2);

    // reads go on, the service is up, nothing was written anywhere, the published CRL is untouched
    expect(service.running).toBe(true);
    expect((await call(service.url, 'GET', '/health')).status).toBe(200);
    expect((await call(service.url, 'GET', '/api/v1/models', { token: tech })).status).toBe(200);
    expect((await call(service.url, 'GET', '/pki/crl.pem')).status).toBe(200);
    expect((await call(service.url, 'GET', '/api/v1/audit/verify', { token: admin })).body.ok).toBe(true);
    expect(differences(before, await fingerprint(raw, tables))).toEqual([]);
    expect((await fingerprint(raw, tables)).auditHead).toBe(before.auditHead);
    expect(fs.readFileSync(path.join(db.dataDir, 'pki', 'crl.pem'), 'utf8')).toBe(crlBefore);

    // writable again: the same process writes again, the chain still verifies
    freeze(false);
    await must(service.url, 'POST', '/api/v1/models', { token: tech, body: { kind: 'mouse', manufacturer: 'Logitech', model: 'M100 RO', specs: {} } });
    await must(service.url, 'POST', '/api/v1/tokens', { token: admin, body: { name: 'ro-after', role: 'rtd' } });
    const after = await fingerprint(raw, tables);
    expect(after.counts.device_models).toBe(before.counts.device_models + 1);
    expect((await must(service.url, 'GET', '/api/v1/audit/verify', { token: admin })).ok).toBe(true);

    // and what was answered as saved is on disk: it survives a restart (it did not before the unit-of-work fix)
    await service.stop();
    service = await ServiceProcess.start({ env: service.env, logFile: service.logFile });
    expect((await fingerprint(raw, tables)).counts.device_models).toBe(before.counts.device_models + 1);
    const models = await must(service.url, 'GET', '/api/v1/models', { token: tech });
    expect(JSON.stringify(models)).toContain('M100 RO');
  });
});
