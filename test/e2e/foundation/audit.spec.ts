import { auth, startTestApp, TestApp } from '../../helpers/test-app';

describe('audit log: append-only and hash-chained', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    // A few audited changes: token creations and a revocation.
    for (const name of ['a', 'b', 'c']) {
      const res = await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name, role: 'rtd' }).expect(201);
      if (name === 'b') await t.http().delete(`/api/v1/tokens/${res.body.details.id}`).set(auth(t.adminToken)).expect(200);
    }
  });
  afterEach(() => t.close());

  const verify = async () => (await t.http().get('/api/v1/audit/verify').set(auth(t.adminToken)).expect(200)).body;

  it('records who did what and verifies an untouched chain', async () => {
    expect(await verify()).toEqual({ ok: true, events: 5 });
    const events = await t.http().get('/api/v1/audit/events?entityType=api_token&limit=10').set(auth(t.adminToken)).expect(200);
    const revoked = events.body.items.find((e: { action: string }) => e.action === 'token.revoked');
    expect(revoked).toMatchObject({ actorRole: 'admin', summary: { name: 'b' } });
    expect(events.body.items.map((e: { action: string }) => e.action)).toContain('token.created');
  });

  it('reports an edited row and where the chain breaks', async () => {
    await t.dataSource.query(`UPDATE audit_events SET summary = '{"name":"forged"}' WHERE seq = 3`);
    expect(await verify()).toEqual({ ok: false, events: 3, brokenAt: { seq: 3, reason: 'HASH_MISMATCH' } });
  });

  it('reports a deleted row in the middle', async () => {
    await t.dataSource.query('DELETE FROM audit_events WHERE seq = 2');
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { seq: 2, reason: 'SEQUENCE_GAP' } });
  });

  it('reports the newest row deleted', async () => {
    await t.dataSource.query('DELETE FROM audit_events WHERE seq = 5');
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { reason: 'HEAD_MISMATCH' } });
  });

  it('keeps secrets out of summaries', async () => {
    const res = await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name: 'secret-check', role: 'rtd' }).expect(201);
    const rows: { summary: string }[] = await t.dataSource.query('SELECT summary FROM audit_events');
    expect(rows.map((r) => r.summary).join('\n')).not.toContain(res.body.token);
  });
});
