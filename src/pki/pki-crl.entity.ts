import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ACTIVE_CRL_ID = 'active';

/**
 * The one published CRL and its counters. `crl_number` only grows (allocated under a row lock, so several
 * instances never publish the same number); `revision` is bumped by every status change and `built_revision`
 * records which revision the published CRL reflects.
 */
@Entity('pki_crl')
export class PkiCrlEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('bigint', { name: 'crl_number' }) crlNumber: string | number;
  @Column('bigint') revision: string | number;
  @Column('bigint', { name: 'built_revision' }) builtRevision: string | number;
  @Column('varchar', { name: 'ca_fingerprint', nullable: true }) caFingerprint: string | null;
  @Column('varchar', { name: 'this_update', nullable: true }) thisUpdate: string | null;
  @Column('varchar', { name: 'next_update', nullable: true }) nextUpdate: string | null;
  @Column('integer') entries: number;
  @Column('text', { name: 'der_base64', nullable: true }) derBase64: string | null;
  @Column('varchar', { name: 'built_at', nullable: true }) builtAt: string | null;
}
