import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditService } from '../../../src/audit/audit.service';
import { AUDIT_KEY_FILE } from '../../../src/audit/audit-key';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { AuditRow, auditTamper } from '../../helpers/audit-tamper';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { createTestDatabase, TestDatabase, testDbKind } from '../../helpers/test-db';

jest.setTimeout(120_000);

const verify = async (t: TestApp) => (await t.http().get('/api/v1/audit/verify').set(auth(t.adminToken)).expect(200)).body;
const someEvents = (t: TestApp, n: number) =>
  t.get(UnitOfWork).run((tx) =>
    t.get(AuditService).recordMany(
      tx,
      SYSTEM_ACTOR,
      Array.from({ length: n }, (_, i) => ({ action: 'test.event', entityType: 'x', entityId: `e${i}`, summary: { i } })),
    ),
  );

/**
 * The audit chain keyed with a secret outside the database: the upgrade from the unkeyed chain of earlier versions
 * (their events kept, closed once by a keyed `audit.chain-keyed`), the key generated into DATA_DIR when
 * AUDIT_HMAC_KEY is not set, and on PostgreSQL triggers that refuse UPDATE, DELETE and TRUNCATE to everyone.
 */
describe('the keyed audit chain', () => {
  let db: TestDatabase;
  let t: TestApp | null = null;

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await t?.close();
    t = null;
    await db.drop();
  });

  it('upgrades an unkeyed log once: old events kept and verified, closed by one keyed audit.chain-keyed, rewrites of them detected', async () => {
    t = await startTestApp({ database: db });
    await someEvents(t, 4);
    // What a database written by an earlier version looks like after the migration: every event plain SHA-256.
    await auditTamper(t).rewrite(1, (r) => r, 'sha256');
    const before = await auditTamper(t).rows();
    expect(before.every((r) => r.hash_alg === 'sha256')).toBe(true);
    expect(await verify(t)).toMatchObject({ ok: false, brokenAt: { reason: 'UNKEYED_HEAD' } }); // until the next start closes it
    await t.close();

    t = await startTestApp({ database: db });
    const after = await auditTamper(t).rows();
    const keyed = after.filter((r) => r.action === 'audit.chain-keyed');
    expect(keyed).toHaveLength(1);
    expect(keyed[0]).toMatchObject({ seq: before.length + 1, hash_alg: 'hmac-sha256', actor: 'system', prev_hash: before[before.length - 1].hash });
    expect(JSON.parse(keyed[0].summary)).toEqual({ unkeyedEvents: before.length, unkeyedHeadHash: before[before.length - 1].hash, algorithm: 'hmac-sha256' });
    expect(after.slice(0, before.length)).toEqual(before); // nothing rewritten
    expect(after.slice(before.length).every((r) => r.hash_alg === 'hmac-sha256')).toBe(true);
    const events = after.length;
    expect(await verify(t)).toEqual({ ok: true, events });
    await t.close();

    // once: the next start adds nothing
    t = await startTestApp({ database: db });
    expect((await auditTamper(t).rows()).filter((r) => r.action === 'audit.chain-keyed')).toHaveLength(1);
    expect(await verify(t)).toMatchObject({ ok: true });

    // an old event rewritten and re-hashed with the public algorithm up to the keyed event: the keyed link breaks
    const target = before[1].seq;
    await auditTamper(t).rewrite(target, (r: AuditRow) => (r.seq === target ? { ...r, summary: '{"i":"forged"}' } : r), 'sha256', before.length);
    expect(await verify(t)).toEqual({ ok: false, events: before.length + 1, brokenAt: { seq: before.length + 1, reason: 'LINK_BROKEN' } });
  });

  it('generates the key into DATA_DIR (0600) when AUDIT_HMAC_KEY is not set; another key does not verify the log', async () => {
    t = await startTestApp({ database: db, env: { AUDIT_HMAC_KEY: undefined } });
    const file = path.join(db.dataDir, AUDIT_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(file, 'utf8').trim();
    expect(key.length).toBeGreaterThanOrEqual(32);
    await someEvents(t, 3);
    expect(await verify(t)).toMatchObject({ ok: true });
    await t.close();

    t = await startTestApp({ database: db, env: { AUDIT_HMAC_KEY: undefined } });
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(key); // the same key at the next start
    expect(await verify(t)).toMatchObject({ ok: true });
    await t.close();

    t = await startTestApp({ database: db, env: { AUDIT_HMAC_KEY: 'a-different-key-that-did-not-write-this-log' } });
    expect(await verify(t)).toMatchObject({ ok: false, brokenAt: { seq: 1, reason: 'HASH_MISMATCH' } });
  });

  (testDbKind() === 'postgres' ? it : it.skip)(
    'on PostgreSQL refuses UPDATE, DELETE and TRUNCATE on the audit tables, to the owner too; appends still work',
    async () => {
      t = await startTestApp({ database: db });
      await someEvents(t, 3);
      const head = (await t.dataSource.query('SELECT seq, hash FROM audit_head WHERE id = 1'))[0];
      const refused = async (sql: string) => {
        const err = await t!.dataSource.query(sql).then(
          () => null,
          (e: Error) => e,
        );
        expect(err?.message).toMatch(/audit_events is append-only|audit_head only moves forward/);
      };
      // the test connects as a superuser: the triggers hold for it as well
      await refused(`UPDATE audit_events SET summary = '{"i":"forged"}' WHERE seq = 2`);
      await refused('DELETE FROM audit_events WHERE seq = 3');
      await refused('DELETE FROM audit_events');
      await refused('TRUNCATE audit_events');
      await refused(`UPDATE audit_head SET seq = 1, hash = 'x' WHERE id = 1`);
      await refused(`UPDATE audit_head SET hash = 'x' WHERE id = 1`);
      await refused('DELETE FROM audit_head');
      await refused('TRUNCATE audit_head');
      expect((await t.dataSource.query('SELECT seq, hash FROM audit_head WHERE id = 1'))[0]).toEqual(head);
      expect(await verify(t)).toMatchObject({ ok: true });
      await someEvents(t, 2); // the head moving forward is what appending does
      expect(await verify(t)).toMatchObject({ ok: true, events: Number(head.seq) + 2 });
    },
  );
});
