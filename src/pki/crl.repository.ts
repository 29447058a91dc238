import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { CrlState } from './domain/crl-freshness';
import { ACTIVE_CRL_ID, PkiCrlEntity } from './pki-crl.entity';

export interface PublishedCrl {
  crlNumber: number;
  thisUpdate: string;
  nextUpdate: string;
  entries: number;
  der: Buffer;
}

const toState = (row: PkiCrlEntity): CrlState => ({
  crlNumber: Number(row.crlNumber),
  revision: Number(row.revision),
  builtRevision: Number(row.builtRevision),
  caFingerprint: row.caFingerprint,
  thisUpdate: row.thisUpdate,
  nextUpdate: row.nextUpdate,
});

const STATE_COLUMNS = ['id', 'crlNumber', 'revision', 'builtRevision', 'caFingerprint', 'thisUpdate', 'nextUpdate', 'entries', 'builtAt'] as const;

@Injectable()
export class CrlRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The counters row, locked until the end of the transaction on PostgreSQL: two instances rebuilding at
   * once queue here, and the second sees the first one's CRL number (SQLite units are serialised anyway).
   */
  async lockState(tx: Tx): Promise<CrlState> {
    const qb = tx.manager
      .getRepository(PkiCrlEntity)
      .createQueryBuilder('c')
      .select(STATE_COLUMNS.map((c) => `c.${c}`))
      .where('c.id = :id', { id: ACTIVE_CRL_ID });
    if (tx.kind === 'postgres') qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) throw new Error('pki_crl row is missing: migrations did not run');
    return toState(row);
  }

  async state(): Promise<(CrlState & { entries: number }) | null> {
    const row = await this.dataSource.getRepository(PkiCrlEntity).findOne({ where: { id: ACTIVE_CRL_ID }, select: [...STATE_COLUMNS] });
    return row ? { ...toState(row), entries: row.entries } : null;
  }

  /** A status change happened: the published CRL no longer reflects the table. */
  async bumpRevision(tx: Tx): Promise<void> {
    await tx.manager
      .createQueryBuilder()
      .update(PkiCrlEntity)
      .set({ revision: () => 'revision + 1' })
      .where('id = :id', { id: ACTIVE_CRL_ID })
      .execute();
  }

  /** Writes a new CRL if the number is still the one read under the lock (belt and braces on SQLite). */
  async publish(tx: Tx, previousNumber: number, crl: PublishedCrl & { builtRevision: number; caFingerprint: string; builtAt: string }): Promise<void> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(PkiCrlEntity)
      .set({
        crlNumber: crl.crlNumber,
        builtRevision: crl.builtRevision,
        caFingerprint: crl.caFingerprint,
        thisUpdate: crl.thisUpdate,
        nextUpdate: crl.nextUpdate,
        entries: crl.entries,
        derBase64: crl.der.toString('base64'),
        builtAt: crl.builtAt,
      })
      .where('id = :id AND crl_number = :n', { id: ACTIVE_CRL_ID, n: previousNumber })
      .execute();
    if ((result.affected ?? 0) !== 1) throw new Error('CRL number moved while it was allocated');
  }

  async currentNumber(): Promise<number | null> {
    const row = await this.dataSource
      .getRepository(PkiCrlEntity)
      .createQueryBuilder('c')
      .select('c.crl_number', 'n')
      .addSelect('c.this_update', 't')
      .where('c.id = :id', { id: ACTIVE_CRL_ID })
      .getRawOne<{ n: string | number; t: string | null }>();
    return row && row.t ? Number(row.n) : null;
  }

  async loadPublished(): Promise<PublishedCrl | null> {
    const row = await this.dataSource.getRepository(PkiCrlEntity).findOne({ where: { id: ACTIVE_CRL_ID } });
    if (!row || !row.derBase64 || !row.thisUpdate || !row.nextUpdate) return null;
    return {
      crlNumber: Number(row.crlNumber),
      thisUpdate: row.thisUpdate,
      nextUpdate: row.nextUpdate,
      entries: row.entries,
      der: Buffer.from(row.derBase64, 'base64'),
    };
  }
}
