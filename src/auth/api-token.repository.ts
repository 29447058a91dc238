import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { ApiTokenEntity } from './api-token.entity';

@Injectable()
export class ApiTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByHash(hash: string): Promise<ApiTokenEntity | null> {
    return this.dataSource.getRepository(ApiTokenEntity).findOne({ where: { tokenHash: hash } });
  }

  findById(id: string, tx?: Tx): Promise<ApiTokenEntity | null> {
    const manager = tx?.manager ?? this.dataSource.manager;
    return manager.getRepository(ApiTokenEntity).findOne({ where: { id } });
  }

  insert(tx: Tx, token: ApiTokenEntity): Promise<unknown> {
    return tx.manager.insert(ApiTokenEntity, token);
  }

  async countActiveAdmins(tx: Tx, nowIso: string): Promise<number> {
    return tx.manager
      .getRepository(ApiTokenEntity)
      .createQueryBuilder('t')
      .where("t.role = 'admin' AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now)", { now: nowIso })
      .getCount();
  }

  list(includeRevoked: boolean): Promise<ApiTokenEntity[]> {
    const qb = this.dataSource.getRepository(ApiTokenEntity).createQueryBuilder('t').orderBy('t.created_at', 'ASC');
    if (!includeRevoked) qb.where('t.revoked_at IS NULL');
    return qb.getMany();
  }

  /** Conditional: revoking twice is a no-op that reports false. */
  async revoke(tx: Tx, id: string, nowIso: string): Promise<boolean> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(ApiTokenEntity)
      .set({ revokedAt: nowIso })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async touch(tx: Tx, id: string, nowIso: string): Promise<void> {
    await tx.manager.update(ApiTokenEntity, { id }, { lastUsedAt: nowIso });
  }
}
