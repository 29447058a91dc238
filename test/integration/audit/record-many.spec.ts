import { AuditService } from '../../../src/audit/audit.service';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

describe('audit: many events of one bulk change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('appends them to the same chain, in order, interleaved with single appends', async () => {
    const audit = t.get(AuditService);
    const uow = t.get(UnitOfWork);
    await uow.run((tx) => audit.record(tx, SYSTEM_ACTOR, { action: 'x.single', entityType: 'x', entityId: 'a' }));
    const entries = Array.from({ length: 205 }, (_, i) => ({ action: 'x.bulk', entityType: 'x', entityId: `b${i}`, summary: { i, password: 'never' } }));
    await uow.run((tx) => audit.recordMany(tx, SYSTEM_ACTOR, entries));
    await uow.run((tx) => audit.record(tx, SYSTEM_ACTOR, { action: 'x.single', entityType: 'x', entityId: 'c' }));
    const verdict = (await t.http().get('/api/v1/audit/verify').set(auth(t.adminToken)).expect(200)).body;
    expect(verdict.ok).toBe(true);
    const rows: { entity_id: string; summary: string }[] = await t.dataSource.query(
      "SELECT entity_id, summary FROM audit_events WHERE entity_type = 'x' ORDER BY seq",
    );
    expect(rows.map((r) => r.entity_id)).toEqual(['a', ...entries.map((e) => e.entityId), 'c']);
    expect(rows.map((r) => r.summary).join('')).not.toContain('never');
  });

  it('leaves nothing when the bulk change rolls back', async () => {
    const audit = t.get(AuditService);
    const before = (await t.http().get('/api/v1/audit/verify').set(auth(t.adminToken)).expect(200)).body.events;
    await expect(
      t.get(UnitOfWork).run(async (tx) => {
        await audit.recordMany(tx, SYSTEM_ACTOR, [
          { action: 'y', entityType: 'y', entityId: '1' },
          { action: 'y', entityType: 'y', entityId: '2' },
        ]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const after = (await t.http().get('/api/v1/audit/verify').set(auth(t.adminToken)).expect(200)).body;
    expect(after).toEqual({ ok: true, events: before });
  });
});
