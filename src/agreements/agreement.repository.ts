import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Conflict } from '../common/errors/domain-error';
import { keysetCondition, KeyValue } from '../common/http/keyset-cursor';
import { groupedByEmployee } from '../database/by-employee';
import { Tx } from '../database/unit-of-work';
import { AgreementEntity } from './agreement.entity';
import { AgreementState } from './domain/agreement-state';
import { agreementInForceSql } from './domain/in-force.sql';
import { ReachNarrowing } from '../directory';

export interface AgreementListFilter {
  employeeId?: string;
  /** a manager's login: only these employees' agreements, or everyone's but one (directory ReachNarrowing) */
  reach?: ReachNarrowing;
  state?: AgreementState;
  inForceOn?: string;
  /** (startDate, id) of the last row of the previous page */
  after?: KeyValue[];
  /** rows to read: the page size + 1 */
  limit: number;
}

type Changes = Partial<Omit<AgreementEntity, 'id' | 'employeeId' | 'version' | 'createdAt' | 'createdBy'>>;

/** The agreement aggregate. Every change is a conditional update on (id, version). */
@Injectable()
export class AgreementRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  findById(id: string, tx?: Tx): Promise<AgreementEntity | null> {
    return this.manager(tx).getRepository(AgreementEntity).findOne({ where: { id } });
  }

  forEmployee(employeeId: string, tx?: Tx): Promise<AgreementEntity[]> {
    return this.manager(tx)
      .getRepository(AgreementEntity)
      .find({ where: { employeeId }, order: { startDate: 'ASC', id: 'ASC' } });
  }

  /** Every agreement of each of these employees, ordered as `forEmployee` (employees without any are absent). */
  forEmployees(employeeIds: string[], tx?: Tx): Promise<Map<string, AgreementEntity[]>> {
    return groupedByEmployee(employeeIds, (part) =>
      this.manager(tx)
        .getRepository(AgreementEntity)
        .find({ where: { employeeId: In(part) }, order: { startDate: 'ASC', id: 'ASC' } }),
    );
  }

  async findByIds(ids: string[], tx?: Tx): Promise<AgreementEntity[]> {
    const out: AgreementEntity[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      if (part.length)
        out.push(
          ...(await this.manager(tx)
            .getRepository(AgreementEntity)
            .find({ where: { id: In(part) } })),
        );
    }
    return out;
  }

  async insert(tx: Tx, entity: AgreementEntity): Promise<void> {
    await tx.manager.insert(AgreementEntity, entity);
  }

  /**
   * Applies `changes` only if nobody changed the agreement since `current` was read; otherwise 409, and the
   * caller's transaction rolls back. Returns the agreement as stored.
   */
  async update(tx: Tx, current: AgreementEntity, changes: Changes, nowIso: string): Promise<AgreementEntity> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(AgreementEntity)
      .set({ ...changes, updatedAt: nowIso, version: current.version + 1 })
      .where('id = :id AND version = :version', { id: current.id, version: current.version })
      .execute();
    if ((result.affected ?? 0) === 0) {
      throw new Conflict('AGREEMENT_CHANGED', 'The agreement was changed by someone else meanwhile; read it again and retry', {
        agreementId: current.id,
        version: current.version,
      });
    }
    return { ...current, ...changes, updatedAt: nowIso, version: current.version + 1 };
  }

  /** Newest start first, keyset by (start_date, id). */
  async list(filter: AgreementListFilter): Promise<AgreementEntity[]> {
    const qb = this.dataSource.getRepository(AgreementEntity).createQueryBuilder('a');
    if (filter.employeeId) qb.andWhere('a.employee_id = :employeeId', { employeeId: filter.employeeId });
    if (filter.reach && 'only' in filter.reach) {
      if (filter.reach.only.length === 0) return [];
      qb.andWhere('a.employee_id IN (:...reachIds)', { reachIds: filter.reach.only });
    }
    if (filter.reach && 'except' in filter.reach) qb.andWhere('a.employee_id <> :reachSelf', { reachSelf: filter.reach.except });
    if (filter.state) qb.andWhere('a.state = :state', { state: filter.state });
    if (filter.inForceOn) qb.andWhere(agreementInForceSql('a', 'inForceOn'), { inForceOn: filter.inForceOn });
    if (filter.after) qb.andWhere(...keysetCondition(['a.start_date', 'a.id'], 'DESC', filter.after));
    return qb.orderBy('a.start_date', 'DESC').addOrderBy('a.id', 'DESC').take(filter.limit).getMany();
  }

  /** Ids of agreements the sweep may have to move on `today` (activation, expiry, withdrawal taking effect). */
  async dueForSweep(today: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource
      .getRepository(AgreementEntity)
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .where("a.state IN ('signed', 'active', 'suspended')")
      .andWhere(
        "((a.state = 'signed' AND a.start_date <= :today) OR (a.end_date IS NOT NULL AND a.end_date < :today) OR (a.withdrawal_effective_date IS NOT NULL AND a.withdrawal_effective_date <= :today))",
        { today },
      )
      .orderBy('a.start_date', 'ASC')
      .getRawMany();
    return rows.map((r) => r.id);
  }

  /** Binding agreements (signed, active, suspended) whose safety notice was delivered in [from, to]: e-mail notices. */
  safetyNoticesDeliveredBetween(from: string, to: string): Promise<AgreementEntity[]> {
    return this.dataSource
      .getRepository(AgreementEntity)
      .createQueryBuilder('a')
      .where("a.state IN ('signed', 'active', 'suspended')")
      .andWhere('a.safety_notice_delivered_on >= :from AND a.safety_notice_delivered_on <= :to', { from, to })
      .orderBy('a.id', 'ASC')
      .getMany();
  }
}
