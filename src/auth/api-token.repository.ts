import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { ApiTokenEntity } from './api-token.entity';
import { TokenState } from './domain/token';

/** A token and the state of its parent: undefined when it has none, or when the parent row is gone. */
export interface TokenWithParent {
  token: ApiTokenEntity;
  parent: TokenState | undefined;
}

@Injectable()
export class ApiTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByHash(hash: string): Promise<ApiTokenEntity | null> {
    return this.dataSource.getRepository(ApiTokenEntity).findOne({ where: { tokenHash: hash } });
  }

  /** One statement on the unique hash, the parent joined by primary key: what every request costs. */
  async findByHashWithParent(hash: string): Promise<TokenWithParent | null> {
    const { entities, raw } = await this.dataSource
      .getRepository(ApiTokenEntity)
      .createQueryBuilder('t')
      .leftJoin(ApiTokenEntity, 'p', 'p.id = t.parent_token_id')
      .addSelect('p.id', 'parent_id')
      .addSelect('p.revoked_at', 'parent_revoked_at')
      .addSelect('p.expires_at', 'parent_expires_at')
      .where('t.token_hash = :hash', { hash })
      .getRawAndEntities<{ parent_id: string | null; parent_revoked_at: string | null; parent_expires_at: string | null }>();
    if (!entities.length) return null;
    const r = raw[0];
    return { token: entities[0], parent: r.parent_id ? { revokedAt: r.parent_revoked_at, expiresAt: r.parent_expires_at } : undefined };
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

  /** The live API tokens (not sessions) made for a subject: a machine's credential and nothing else carries one. */
  async liveApiTokensOf(tx: Tx, subject: string, nowIso: string): Promise<ApiTokenEntity[]> {
    return tx.manager
      .getRepository(ApiTokenEntity)
      .createQueryBuilder('t')
      .where("t.subject = :subject AND t.kind = 'api' AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now)", { subject, now: nowIso })
      .getMany();
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

  /** The sessions opened from a token, closed with it (indexed on parent_token_id). Answers how many. */
  async revokeChildren(tx: Tx, parentId: string, nowIso: string): Promise<number> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(ApiTokenEntity)
      .set({ revokedAt: nowIso })
      .where('parent_token_id = :parentId AND revoked_at IS NULL', { parentId })
      .execute();
    return result.affected ?? 0;
  }

  async touch(tx: Tx, id: string, nowIso: string): Promise<void> {
    await tx.manager.update(ApiTokenEntity, { id }, { lastUsedAt: nowIso });
  }
}
