import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  seq: number;
  occurredAt: string;
  actor: string;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  /** The change summary exactly as stored (JSON text): the hash covers these bytes. */
  summary: string;
  prevHash: string;
}

export interface ChainedAuditRecord extends AuditRecord {
  hash: string;
}

/** SHA-256 over every field, as a JSON array so no field can bleed into the next. */
export function auditHash(record: AuditRecord): string {
  const fields = [
    record.seq,
    record.occurredAt,
    record.actor,
    record.actorRole,
    record.action,
    record.entityType,
    record.entityId,
    record.summary,
    record.prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

export function chain(previous: { seq: number; hash: string } | null, record: Omit<AuditRecord, 'seq' | 'prevHash'>): ChainedAuditRecord {
  const linked: AuditRecord = { ...record, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...linked, hash: auditHash(linked) };
}

export interface ChainBreak {
  seq: number;
  reason: 'HASH_MISMATCH' | 'LINK_BROKEN' | 'SEQUENCE_GAP' | 'HEAD_MISMATCH';
}

export interface ChainVerdict {
  ok: boolean;
  events: number;
  brokenAt?: ChainBreak;
}

/**
 * Checks the chain one event at a time (the log is streamed, never loaded whole). Editing a row breaks its
 * hash; deleting one leaves a gap in the sequence or a broken link; deleting the newest rows is caught by
 * the head (last seq and hash) kept in its own row and updated in the same transaction as every append.
 */
export class ChainVerifier {
  private count = 0;
  private last: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  private broken?: ChainBreak;

  feed(record: ChainedAuditRecord): boolean {
    if (this.broken) return false;
    this.count += 1;
    if (record.seq !== this.last.seq + 1) this.broken = { seq: this.last.seq + 1, reason: 'SEQUENCE_GAP' };
    else if (record.prevHash !== this.last.hash) this.broken = { seq: record.seq, reason: 'LINK_BROKEN' };
    else if (auditHash(record) !== record.hash) this.broken = { seq: record.seq, reason: 'HASH_MISMATCH' };
    this.last = { seq: record.seq, hash: record.hash };
    return !this.broken;
  }

  finish(head: { seq: number; hash: string } | null): ChainVerdict {
    if (!this.broken) {
      const expected = head ?? { seq: 0, hash: GENESIS_HASH };
      if (expected.seq !== this.last.seq || expected.hash !== this.last.hash) {
        this.broken = { seq: Math.min(expected.seq, this.last.seq) + 1, reason: 'HEAD_MISMATCH' };
      }
    }
    return this.broken ? { ok: false, events: this.count, brokenAt: this.broken } : { ok: true, events: this.count };
  }
}
