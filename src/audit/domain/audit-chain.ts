import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * `hmac-sha256`: every event written by this version, keyed with a secret kept outside the database
 * (AUDIT_HMAC_KEY, or DATA_DIR/audit-hmac-key): whoever can write the database cannot recompute it.
 * `sha256`: events written before the chain was keyed (public algorithm). They are accepted only as the
 * prefix of the log, closed by keyed events (the first start of the keyed version appends `audit.chain-keyed`);
 * a plain hash after a keyed one, or a log that ends unkeyed, is a rewrite.
 */
export type AuditHashAlg = 'sha256' | 'hmac-sha256';
export const KEYED_ALG: AuditHashAlg = 'hmac-sha256';
export const LEGACY_ALG: AuditHashAlg = 'sha256';

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
  hashAlg: AuditHashAlg;
}

export interface ChainedAuditRecord extends AuditRecord {
  hash: string;
}

const fieldsOf = (record: AuditRecord) => [
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

/** The pre-keyed algorithm: SHA-256 over every field, as a JSON array so no field can bleed into the next. */
export function legacyAuditHash(record: Omit<AuditRecord, 'hashAlg'>): string {
  return createHash('sha256')
    .update(JSON.stringify(fieldsOf({ ...record, hashAlg: LEGACY_ALG })), 'utf8')
    .digest('hex');
}

/** HMAC-SHA256 under the chain key, over the algorithm name and every field. */
export function keyedAuditHash(record: Omit<AuditRecord, 'hashAlg'>, key: Buffer): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([KEYED_ALG, ...fieldsOf({ ...record, hashAlg: KEYED_ALG })]), 'utf8')
    .digest('hex');
}

export function auditHash(record: AuditRecord, key: Buffer): string | null {
  if (record.hashAlg === KEYED_ALG) return keyedAuditHash(record, key);
  if (record.hashAlg === LEGACY_ALG) return legacyAuditHash(record);
  return null;
}

/** The next event of the chain: always keyed. */
export function chain(
  previous: { seq: number; hash: string } | null,
  record: Omit<AuditRecord, 'seq' | 'prevHash' | 'hashAlg'>,
  key: Buffer,
): ChainedAuditRecord {
  const linked: AuditRecord = { ...record, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH, hashAlg: KEYED_ALG };
  return { ...linked, hash: keyedAuditHash(linked, key) };
}

export type ChainBreakReason = 'HASH_MISMATCH' | 'LINK_BROKEN' | 'SEQUENCE_GAP' | 'HEAD_MISMATCH' | 'UNKEYED_EVENT' | 'UNKEYED_HEAD';
export const CHAIN_BREAK_REASONS: ChainBreakReason[] = ['HASH_MISMATCH', 'LINK_BROKEN', 'SEQUENCE_GAP', 'HEAD_MISMATCH', 'UNKEYED_EVENT', 'UNKEYED_HEAD'];

export interface ChainBreak {
  seq: number;
  reason: ChainBreakReason;
}

export interface ChainVerdict {
  ok: boolean;
  events: number;
  brokenAt?: ChainBreak;
}

/**
 * Checks the chain one event at a time (the log is streamed, never loaded whole). Editing a row breaks its
 * hash, and recomputing it needs the key; deleting one leaves a gap in the sequence or a broken link; deleting
 * the newest rows is caught by the head (last seq and hash) kept in its own row and updated in the same
 * transaction as every append. What the key cannot catch: someone who can write the database deleting the
 * newest events and moving the head back to a real earlier event (on PostgreSQL a trigger refuses the DELETE).
 */
export class ChainVerifier {
  private count = 0;
  private last: { seq: number; hash: string; alg: AuditHashAlg | null } = { seq: 0, hash: GENESIS_HASH, alg: null };
  private keyedSeen = false;
  private broken?: ChainBreak;

  constructor(private readonly key: Buffer) {}

  feed(record: ChainedAuditRecord): boolean {
    if (this.broken) return false;
    this.count += 1;
    if (record.seq !== this.last.seq + 1) this.broken = { seq: this.last.seq + 1, reason: 'SEQUENCE_GAP' };
    else if (record.prevHash !== this.last.hash) this.broken = { seq: record.seq, reason: 'LINK_BROKEN' };
    else if (record.hashAlg !== KEYED_ALG && this.keyedSeen) this.broken = { seq: record.seq, reason: 'UNKEYED_EVENT' };
    else if (auditHash(record, this.key) !== record.hash) this.broken = { seq: record.seq, reason: 'HASH_MISMATCH' };
    if (record.hashAlg === KEYED_ALG) this.keyedSeen = true;
    this.last = { seq: record.seq, hash: record.hash, alg: record.hashAlg };
    return !this.broken;
  }

  finish(head: { seq: number; hash: string } | null): ChainVerdict {
    if (!this.broken) {
      const expected = head ?? { seq: 0, hash: GENESIS_HASH };
      if (expected.seq !== this.last.seq || expected.hash !== this.last.hash) {
        this.broken = { seq: Math.min(expected.seq, this.last.seq) + 1, reason: 'HEAD_MISMATCH' };
      } else if (this.count > 0 && this.last.alg !== KEYED_ALG) {
        // Every start appends a keyed event after unkeyed ones: a log made only of public hashes was rewritten.
        this.broken = { seq: this.last.seq, reason: 'UNKEYED_HEAD' };
      }
    }
    return this.broken ? { ok: false, events: this.count, brokenAt: this.broken } : { ok: true, events: this.count };
  }
}
