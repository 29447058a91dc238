import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { NoticeSentEntity } from './notice-sent.entity';

/** Queries on notices_sent. */
@Injectable()
export class NoticeSentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  async wasSent(noticeId: string, tx?: Tx): Promise<boolean> {
    return this.manager(tx).getRepository(NoticeSentEntity).existsBy({ noticeId });
  }

  /** A second writer (two processes sent the same notice) changes nothing. */
  async markSent(tx: Tx, row: NoticeSentEntity): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(NoticeSentEntity).values(row).orIgnore().updateEntity(false).execute();
  }
}
