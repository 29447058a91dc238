import { ChainVerifier, ChainedAuditRecord, GENESIS_HASH, chain, legacyAuditHash } from './audit-chain';

const KEY = Buffer.from('the-chain-key-kept-outside-the-database');

function event(i: number) {
  return {
    occurredAt: `2026-01-01T00:00:0${i}.000Z`,
    actor: 'tech-1',
    actorRole: 'technician',
    action: 'asset.created',
    entityType: 'asset',
    entityId: `A${i}`,
    summary: JSON.stringify({ tag: `A${i}` }),
  };
}

function build(n: number, key = KEY): ChainedAuditRecord[] {
  const out: ChainedAuditRecord[] = [];
  for (let i = 0; i < n; i++) out.push(chain(out[i - 1] ?? null, event(i), key));
  return out;
}

/** What a version before the keyed chain wrote (and the migration marked `sha256`); also the attacker's tool. */
function publicChain(
  records: Omit<ChainedAuditRecord, 'seq' | 'prevHash' | 'hash' | 'hashAlg'>[],
  from: { seq: number; hash: string } | null = null,
): ChainedAuditRecord[] {
  const out: ChainedAuditRecord[] = [];
  let previous = from ?? { seq: 0, hash: GENESIS_HASH };
  for (const r of records) {
    const linked = { ...r, seq: previous.seq + 1, prevHash: previous.hash, hashAlg: 'sha256' as const };
    const record = { ...linked, hash: legacyAuditHash(linked) };
    out.push(record);
    previous = record;
  }
  return out;
}

function verify(records: ChainedAuditRecord[], head: { seq: number; hash: string } | null, key = KEY) {
  const v = new ChainVerifier(key);
  records.forEach((r) => v.feed(r));
  return v.finish(head);
}

const headOf = (records: ChainedAuditRecord[]) => ({ seq: records.length, hash: records[records.length - 1].hash });

describe('audit hash chain, keyed with HMAC-SHA256', () => {
  const records = build(5);
  const head = headOf(records);

  it('verifies an untouched log, and only with its key', () => {
    expect(records.every((r) => r.hashAlg === 'hmac-sha256')).toBe(true);
    expect(verify(records, head)).toEqual({ ok: true, events: 5 });
    expect(verify([], null)).toEqual({ ok: true, events: 0 });
    expect(verify(records, head, Buffer.from('another-key'))).toMatchObject({ ok: false, brokenAt: { seq: 1, reason: 'HASH_MISMATCH' } });
  });

  it('finds an edited summary', () => {
    const edited = records.map((r) => ({ ...r }));
    edited[2].summary = JSON.stringify({ tag: 'FORGED' });
    expect(verify(edited, head)).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'HASH_MISMATCH' } });
  });

  it('finds an edited and re-hashed row by the broken link that follows', () => {
    const forged = records.map((r) => ({ ...r }));
    forged[1] = chain({ seq: 1, hash: forged[0].hash }, { ...event(1), actor: 'someone-else' }, KEY);
    expect(verify(forged, head)).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'LINK_BROKEN' } });
  });

  it('finds a rewrite recomputed to the end without the key: with the public algorithm, or with a guessed key', () => {
    const edited = [...records.slice(0, 2), ...records.slice(2).map((r) => ({ ...r, summary: JSON.stringify({ tag: 'FORGED' }) }))];
    // plain SHA-256 recomputed from the edited row to the end, still labelled keyed
    const relabelled = publicChain(edited.slice(2), records[1]).map((r) => ({ ...r, hashAlg: 'hmac-sha256' as const }));
    const asKeyed = [...records.slice(0, 2), ...relabelled];
    expect(verify(asKeyed, headOf(asKeyed))).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'HASH_MISMATCH' } });
    // the same, labelled as the public algorithm
    const downgraded = [...records.slice(0, 2), ...publicChain(edited.slice(2), records[1])];
    expect(verify(downgraded, headOf(downgraded))).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'UNKEYED_EVENT' } });
    // the whole log rewritten with the public algorithm: no keyed event closes it
    const rewritten = publicChain(edited);
    expect(verify(rewritten, headOf(rewritten))).toMatchObject({ ok: false, brokenAt: { seq: 5, reason: 'UNKEYED_HEAD' } });
    // HMAC under a key that is not the chain's
    const guessed = build(5, Buffer.from('guess'));
    expect(verify(guessed, headOf(guessed))).toMatchObject({ ok: false, brokenAt: { seq: 1, reason: 'HASH_MISMATCH' } });
  });

  it('accepts events from before the key as a prefix closed by keyed events, and protects them from then on', () => {
    const old = publicChain([0, 1, 2].map(event));
    // the keyed tail chained onto the old head (the first start of the keyed version appends audit.chain-keyed)
    const tail: ChainedAuditRecord[] = [];
    for (const i of [3, 4]) tail.push(chain(tail[tail.length - 1] ?? old[old.length - 1], event(i), KEY));
    const log = [...old, ...tail];
    expect(verify(log, headOf(log))).toEqual({ ok: true, events: 5 });
    // before the first keyed event is appended, an all-public log does not pass
    expect(verify(old, headOf(old))).toMatchObject({ ok: false, brokenAt: { reason: 'UNKEYED_HEAD' } });
    // an old event rewritten and re-hashed to the end of the old part: the keyed event after it no longer links
    const forgedOld = publicChain([event(0), { ...event(1), actor: 'someone-else' }, event(2)]);
    expect(verify([...forgedOld, ...tail], headOf(log))).toMatchObject({ ok: false, brokenAt: { seq: 4, reason: 'LINK_BROKEN' } });
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
