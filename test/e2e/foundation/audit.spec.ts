import { AuditRow, auditTamper } from '../../helpers/audit-tamper';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

describe('audit log: append-only and hash-chained (HMAC-SHA256 under a key outside the database)', () => {
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

  it('pages newest first with limit and cursor, like every list', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const page = (await t.http().get(`/api/v1/audit/events${query}`).set(auth(t.adminToken)).expect(200)).body as {
        items: { seq: number }[];
        nextCursor: string | null;
      };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    expect((await t.http().get('/api/v1/audit/events?cursor=nonsense').set(auth(t.adminToken)).expect(400)).body.error.code).toBe('INVALID_CURSOR');
    await t.http().get('/api/v1/audit/events?before=3').set(auth(t.adminToken)).expect(400);
  });

  // (on PostgreSQL the triggers refuse these statements: the tamperer switches them off, as a superuser could)
  it('reports an edited row and where the chain breaks', async () => {
    await auditTamper(t).asOwner((q) => q(`UPDATE audit_events SET summary = '{"name":"forged"}' WHERE seq = 3`));
    expect(await verify()).toEqual({ ok: false, events: 3, brokenAt: { seq: 3, reason: 'HASH_MISMATCH' } });
  });

  it('reports a deleted row in the middle', async () => {
    await auditTamper(t).asOwner((q) => q('DELETE FROM audit_events WHERE seq = 2'));
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { seq: 2, reason: 'SEQUENCE_GAP' } });
  });

  it('reports the newest row deleted', async () => {
    await auditTamper(t).asOwner((q) => q('DELETE FROM audit_events WHERE seq = 5'));
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { reason: 'HEAD_MISMATCH' } });
  });

  it('reports a row changed and the chain recomputed to the end with the public algorithm (plain SHA-256)', async () => {
    const tamper = auditTamper(t);
    expect((await tamper.rows()).map((r) => r.hash_alg)).toEqual(Array(5).fill('hmac-sha256'));
    const forged = (r: AuditRow): AuditRow => ({ ...r, summary: r.seq === 3 ? '{"name":"forged"}' : r.summary });
    // recomputed from the forged row to the end, head included, still labelled keyed
    await tamper.rewrite(3, forged);
    expect(await verify()).toEqual({ ok: false, events: 3, brokenAt: { seq: 3, reason: 'HASH_MISMATCH' } });
    // the same, labelled as the unkeyed algorithm of earlier versions
    await tamper.rewrite(3, forged, 'sha256');
    expect(await verify()).toEqual({ ok: false, events: 3, brokenAt: { seq: 3, reason: 'UNKEYED_EVENT' } });
    // the whole log rewritten as if it had never been keyed
    await tamper.rewrite(1, forged, 'sha256');
    expect(await verify()).toEqual({ ok: false, events: 5, brokenAt: { seq: 5, reason: 'UNKEYED_HEAD' } });
  });

  it('keeps secrets out of summaries', async () => {
    const res = await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name: 'secret-check', role: 'rtd' }).expect(201);
    const rows: { summary: string }[] = await t.dataSource.query('SELECT summary FROM audit_events');
    expect(rows.map((r) => r.summary).join('\n')).not.toContain(res.body.token);
  });
});
