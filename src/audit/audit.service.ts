import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Actor, SYSTEM_ACTOR, actorLabel } from '../common/auth/roles';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { AuditKey } from './audit-key';
import { AuditRepository } from './audit.repository';
import { ChainVerdict, ChainVerifier, KEYED_ALG, chain } from './domain/audit-chain';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  summary?: Record<string, unknown>;
}

/** One event as a change feed shows it: what changed, not the chain fields. */
export interface AuditChange {
  seq: number;
  occurredAt: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: Record<string, unknown>;
}

function parse(summary: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(summary);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const SECRET_KEYS = /pass(word|phrase)?|secret|token|private.?key|p12|pkcs12|otp/i;

/** Defence in depth: a summary never carries a secret, whatever a caller puts in it. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redactSecrets(v, depth + 1);
  return out;
}

@Injectable()
export class AuditService implements OnModuleInit {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly repository: AuditRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly key: AuditKey,
  ) {}

  /** At start: the key must be there (a missing one stops start-up), and a log written before it was keyed is closed. */
  async onModuleInit(): Promise<void> {
    this.key.get();
    if (await this.closeUnkeyedChain()) this.logger.log('the audit chain is keyed from here on (audit.chain-keyed)');
  }

  /**
   * Upgrade from the unkeyed chain (plain SHA-256, before this version): the events stay as they were (nothing
   * rewrites the log), marked `sha256` by the migration, and a keyed `audit.chain-keyed` event naming their
   * head is appended once; its HMAC covers the link to them, so they can no longer be rewritten either.
   * Several instances starting at once queue on the head lock; the later ones find a keyed head.
   */
  async closeUnkeyedChain(): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const head = await this.repository.lockHead(tx);
      if (!head || (await this.repository.algorithmAt(tx, head.seq)) === KEYED_ALG) return false;
      await this.append(tx, SYSTEM_ACTOR, head, {
        action: 'audit.chain-keyed',
        entityType: 'audit_chain',
        entityId: 'audit',
        summary: { unkeyedEvents: head.seq, unkeyedHeadHash: head.hash, algorithm: KEYED_ALG },
      });
      return true;
    });
  }

  /** Appends inside the caller's transaction: the change and its audit event commit or roll back together. */
  async record(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
    await this.append(tx, actor, await this.repository.lockHead(tx), entry);
  }

  private async append(tx: Tx, actor: Actor, head: { seq: number; hash: string } | null, entry: AuditEntry): Promise<void> {
    const record = chain(
      head,
      {
        occurredAt: this.clock.nowIso(),
        actor: actorLabel(actor),
        actorRole: actor.role,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        summary: JSON.stringify(redactSecrets(entry.summary ?? {})),
      },
      this.key.get(),
    );
    await this.repository.append(tx, record, head !== null);
  }

  /** Many events of one bulk change (e.g. bulk onboarding): the same chain, one head lock and one insert per chunk. */
  async recordMany(tx: Tx, actor: Actor, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const head = await this.repository.lockHead(tx);
    const occurredAt = this.clock.nowIso();
    const records = [];
    const key = this.key.get();
    let previous = head;
    for (const entry of entries) {
      const record = chain(
        previous,
        {
          occurredAt,
          actor: actorLabel(actor),
          actorRole: actor.role,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          summary: JSON.stringify(redactSecrets(entry.summary ?? {})),
        },
        key,
      );
      records.push(record);
      previous = record;
    }
    await this.repository.appendMany(tx, records, head !== null);
  }

  /** For events that have no change to ride on, such as a refused handover: its own small transaction. */
  async recordAlone(actor: Actor, entry: AuditEntry): Promise<void> {
    await this.uow.run((tx) => this.record(tx, actor, entry));
  }

  /**
   * The chain's head sequence number (0 before the first event): every change writes an audit event in its own
   * transaction, so an unchanged head means unchanged data (the indicators' memo key). One primary-key read.
   */
  async headSeq(): Promise<number> {
    return (await this.repository.head())?.seq ?? 0;
  }

  /**
   * The head as a mark that changes with every appended event and never comes back: sequence and hash. A cache keyed on
   * it cannot mistake a later event for one rolled back (SQLite's single connection can show an uncommitted head).
   */
  async headMark(): Promise<string> {
    const head = await this.repository.head();
    return head ? `${head.seq}:${head.hash}` : '0';
  }

  /**
   * What changed after a head a reader saw (`seq`, and `hash` if it saw one): the events after it, oldest first, up to `head` and at most
   * `limit`. `null` when that head is no longer in the log as it was seen (an uncommitted event rolled back and its
   * number reused) or more than `limit` events passed: the reader starts afresh. For caches kept up to date by change.
   */
  async changesSince(seen: { seq: number; hash?: string }, head: number, limit: number): Promise<AuditChange[] | null> {
    if (head - seen.seq > limit) return null;
    const rows = await this.repository.from(seen.seq, head - seen.seq + 1);
    if (seen.seq > 0 && seen.hash !== undefined && (rows[0]?.seq !== seen.seq || rows[0].hash !== seen.hash)) return null;
    const events = rows.filter((r) => r.seq > seen.seq && r.seq <= head);
    if (events.length !== head - seen.seq) return null;
    return events.map((r) => ({
      seq: r.seq,
      occurredAt: r.occurredAt,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      summary: parse(r.summary),
    }));
  }

  /** The head as sequence number and hash (`{ seq: 0, hash: '' }` before the first event). */
  async head(): Promise<{ seq: number; hash: string }> {
    return (await this.repository.head()) ?? { seq: 0, hash: '' };
  }

  async verify(): Promise<ChainVerdict> {
    const verifier = new ChainVerifier(this.key.get());
    // Read the head first: events appended while we stream are past it and do not count as tampering.
    const head = await this.repository.head();
    for await (const record of this.repository.stream()) {
      if (head && record.seq > head.seq) break;
      if (!verifier.feed(record)) break;
    }
    return verifier.finish(head);
  }
}
