import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { SigningKeyEntity } from './signing-key.entity';

@Injectable()
export class SigningKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(purpose: string): Promise<SigningKeyEntity | null> {
    return this.dataSource.getRepository(SigningKeyEntity).findOne({ where: { purpose } });
  }

  /** First writer wins (INSERT … ON CONFLICT DO NOTHING / INSERT OR IGNORE): several instances, one key. */
  async insertIfAbsent(tx: Tx, row: SigningKeyEntity): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(SigningKeyEntity).values(row).orIgnore().execute();
  }
}
