import { ChainVerifier, ChainedAuditRecord, chain } from './audit-chain';

function build(n: number): ChainedAuditRecord[] {
  const out: ChainedAuditRecord[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      chain(out[i - 1] ?? null, {
        occurredAt: `2026-01-01T00:00:0${i}.000Z`,
        actor: 'tech-1',
        actorRole: 'technician',
        action: 'asset.created',
        entityType: 'asset',
        entityId: `A${i}`,
        summary: JSON.stringify({ tag: `A${i}` }),
      }),
    );
  }
  return out;
}

function verify(records: ChainedAuditRecord[], head: { seq: number; hash: string } | null) {
  const v = new ChainVerifier();
  records.forEach((r) => v.feed(r));
  return v.finish(head);
}

describe('audit hash chain', () => {
  const records = build(5);
  const head = { seq: 5, hash: records[4].hash };

  it('verifies an untouched log', () => {
    expect(verify(records, head)).toEqual({ ok: true, events: 5 });
    expect(verify([], null)).toEqual({ ok: true, events: 0 });
  });

  it('finds an edited summary', () => {
    const edited = records.map((r) => ({ ...r }));
    edited[2].summary = JSON.stringify({ tag: 'FORGED' });
    expect(verify(edited, head)).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'HASH_MISMATCH' } });
  });

  it('finds an edited and re-hashed row by the broken link that follows', () => {
    const forged = records.map((r) => ({ ...r }));
    const rehashed = chain({ seq: 1, hash: forged[0].hash }, { ...forged[1], actor: 'someone-else' });
    forged[1] = rehashed;
    expect(verify(forged, head)).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'LINK_BROKEN' } });
  });

  it('finds a deleted row in the middle', () => {
    expect(verify([records[0], records[1], records[3], records[4]], head)).toMatchObject({
      ok: false,
      brokenAt: { seq: 3, reason: 'SEQUENCE_GAP' },
    });
  });

  it('finds deleted newest rows through the head', () => {
    expect(verify(records.slice(0, 3), head)).toMatchObject({ ok: false, brokenAt: { seq: 4, reason: 'HEAD_MISMATCH' } });
  });
});
