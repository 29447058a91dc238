import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SyncRunStatus = 'queued' | 'running' | 'ok' | 'refused' | 'failed';
export type SyncRunTrigger = 'manual' | 'schedule';
export type SyncRunKind = 'full' | 'incremental';

/** One directory sync: what it did, or why it changed nothing. */
@Entity('directory_sync_runs')
export class DirectorySyncRunEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar') status: SyncRunStatus;
  @Column('varchar') trigger: SyncRunTrigger;
  @Column('varchar', { name: 'requested_by' }) requestedBy: string;
  @Column('varchar', { name: 'requested_at' }) requestedAt: string;
  @Column('varchar', { name: 'started_at', nullable: true }) startedAt: string | null;
  @Column('varchar', { name: 'finished_at', nullable: true }) finishedAt: string | null;
  @Column('integer') created: number;
  @Column('integer') updated: number;
  @Column('integer') deactivated: number;
  @Column('integer') reactivated: number;
  @Column('integer') unchanged: number;
  @Column('integer') skipped: number;
  @Column('integer', { name: 'directory_entries' }) directoryEntries: number;
  /** JSON list of {dn, key, field, reason}, capped; error_count has the full number. */
  @Column('text') errors: string;
  @Column('integer', { name: 'error_count' }) errorCount: number;
  @Column('integer', { name: 'duration_ms', nullable: true }) durationMs: number | null;
  @Column('text', { name: 'refusal_reason', nullable: true }) refusalReason: string | null;
  @Column('text', { name: 'failure', nullable: true }) failure: string | null;
  /** 1 while running, else null: a unique index lets one run at a time hold it, across instances. */
  @Column('integer', { name: 'running_slot', nullable: true }) runningSlot: number | null;
  /** Asked for while queued; what the run did once it ran (an incremental request may become a full read). */
  @Column('varchar') kind: SyncRunKind;
  /** Why this kind: asked for, scheduled reconciliation, or why an incremental run could not be one. */
  @Column('text', { name: 'kind_reason', nullable: true }) kindReason: string | null;
  /** How changes are tracked (usn, entryCSN, modifyTimestamp, none) and where the next incremental run starts. */
  @Column('varchar', { name: 'change_tracking', nullable: true }) changeTracking: string | null;
  @Column('varchar', { name: 'watermark', nullable: true }) watermark: string | null;
  /** The server that answered: AD dsServiceName|invocationId; OpenLDAP the base entry's entryUUID. */
  @Column('varchar', { name: 'directory_identity', nullable: true }) directoryIdentity: string | null;
  /** Fingerprint of the profile's base, filter and mapping this run read with. */
  @Column('varchar', { name: 'scope_hash', nullable: true }) scopeHash: string | null;
}
