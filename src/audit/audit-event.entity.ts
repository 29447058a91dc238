import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditHashAlg } from './domain/audit-chain';

@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryColumn('integer') seq: number;
  @Column('varchar', { name: 'occurred_at' }) occurredAt: string;
  @Column('varchar') actor: string;
  @Column('varchar', { name: 'actor_role' }) actorRole: string;
  @Column('varchar') action: string;
  @Column('varchar', { name: 'entity_type' }) entityType: string;
  @Column('varchar', { name: 'entity_id' }) entityId: string;
  @Column('text') summary: string;
  @Column('varchar', { name: 'prev_hash' }) prevHash: string;
  @Column('varchar') hash: string;
  /** `hmac-sha256` (keyed, this version on) or `sha256` (written before the chain was keyed). */
  @Column('varchar', { name: 'hash_alg' }) hashAlg: AuditHashAlg;
}

@Entity('audit_head')
export class AuditHeadEntity {
  @PrimaryColumn('integer') id: number;
  @Column('integer') seq: number;
  @Column('varchar') hash: string;
}
