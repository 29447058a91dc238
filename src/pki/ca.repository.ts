import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { ACTIVE_CA_ID, PkiCaEntity } from './pki-ca.entity';

@Injectable()
export class CaRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(tx?: Tx): Promise<PkiCaEntity | null> {
    const manager = tx?.manager ?? this.dataSource.manager;
    return manager.getRepository(PkiCaEntity).findOne({ where: { id: ACTIVE_CA_ID } });
  }

  /** Just the fingerprint: how an instance notices that the CA was replaced (import) by another process. */
  async fingerprint(): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(PkiCaEntity)
      .createQueryBuilder('c')
      .select('c.fingerprint_sha256', 'fp')
      .where('c.id = :id', { id: ACTIVE_CA_ID })
      .getRawOne<{ fp: string }>();
    return row?.fp ?? null;
  }

  /** First writer wins (INSERT … ON CONFLICT DO NOTHING / INSERT OR IGNORE): several instances, one CA. */
  async insertIfAbsent(tx: Tx, row: PkiCaEntity): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(PkiCaEntity).values(row).orIgnore().execute();
  }

  /** Replaces the CA only if it is still the one the caller checked (conditional update). */
  async replace(tx: Tx, expectedFingerprint: string, row: Omit<PkiCaEntity, 'id' | 'createdAt'>): Promise<boolean> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(PkiCaEntity)
      .set(row)
      .where('id = :id AND fingerprint_sha256 = :fp', { id: ACTIVE_CA_ID, fp: expectedFingerprint })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Swaps the encrypted key for the same key under new parameters, only if nobody did it first. */
  async rewrapKey(tx: Tx, fingerprint: string, expectedPem: string, encryptedKeyPem: string, now: string): Promise<boolean> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(PkiCaEntity)
      .set({ encryptedKeyPem, updatedAt: now })
      .where('id = :id AND fingerprint_sha256 = :fp AND encrypted_key_pem = :old', { id: ACTIVE_CA_ID, fp: fingerprint, old: expectedPem })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
