import { GENESIS_HASH, legacyAuditHash } from '../../src/audit/domain/audit-chain';
import { TestApp } from './test-app';

/**
 * Someone who can write the database, rewriting the audit log behind the service's back (direct SQL on a
 * connection of its own). On PostgreSQL the append-only triggers stop even the owner, so the attacker here is a
 * superuser who switches them off for the session (`session_replication_role = replica`) — what the HMAC is for.
 */
export interface AuditRow {
  seq: number;
  occurred_at: string;
  actor: string;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: string;
  prev_hash: string;
  hash: string;
  hash_alg: string;
}

type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;

export function auditTamper(t: TestApp) {
  const pg = t.dataSource.options.type === 'postgres';
  const mark = (i: number) => (pg ? `$${i}` : '?');

  /** Runs raw SQL as the database owner, the append-only triggers switched off. */
  async function asOwner<T>(work: (q: Query) => Promise<T>): Promise<T> {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (pg) await runner.query('SET session_replication_role = replica');
      return await work((sql, params) => runner.query(sql, params));
    } finally {
      if (pg) await runner.query('RESET session_replication_role').catch(() => undefined);
      await runner.release();
    }
  }

  async function rows(): Promise<AuditRow[]> {
    const out = await t.dataSource.query<AuditRow[]>('SELECT * FROM audit_events ORDER BY seq');
    return out.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  /**
   * Edits the log and recomputes the chain from `fromSeq` to the end with the public algorithm (plain SHA-256, as
   * before the chain was keyed), head included (or only up to `untilSeq`): `label` says what the rewritten rows
   * claim to be.
   */
  async function rewrite(fromSeq: number, edit: (row: AuditRow) => AuditRow, label: 'keep' | 'sha256' = 'keep', untilSeq = Infinity): Promise<void> {
    const all = await rows();
    await asOwner(async (q) => {
      let previous = all.find((r) => r.seq === fromSeq - 1)?.hash ?? GENESIS_HASH;
      for (const original of all.filter((r) => r.seq >= fromSeq && r.seq <= untilSeq)) {
        const row = edit({ ...original });
        const hash = legacyAuditHash({
          seq: row.seq,
          occurredAt: row.occurred_at,
          actor: row.actor,
          actorRole: row.actor_role,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          summary: row.summary,
          prevHash: previous,
        });
        await q(
          `UPDATE audit_events SET summary = ${mark(1)}, actor = ${mark(2)}, prev_hash = ${mark(3)}, hash = ${mark(4)}, hash_alg = ${mark(5)} WHERE seq = ${mark(6)}`,
          [row.summary, row.actor, previous, hash, label === 'keep' ? row.hash_alg : 'sha256', row.seq],
        );
        previous = hash;
      }
      if (untilSeq >= all[all.length - 1].seq) await q(`UPDATE audit_head SET hash = ${mark(1)} WHERE id = 1`, [previous]);
    });
  }

  return { pg, mark, asOwner, rows, rewrite };
}
