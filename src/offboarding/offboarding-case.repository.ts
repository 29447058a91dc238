import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { keysetCondition, KeyValue } from '../common/http/keyset-cursor';
import { Tx } from '../database/unit-of-work';
import { OffboardingCaseStepEntity } from './offboarding-case-step.entity';
import { OffboardingCaseEntity, OffboardingCaseStatus } from './offboarding-case.entity';
import { OffboardingTrigger } from './offboarding-step';

export interface OpenCaseInput {
  employeeId: string;
  trigger: OffboardingTrigger;
  agreementId: string | null;
  effectiveDate: string;
}

export interface CaseListFilter {
  status?: OffboardingCaseStatus;
  employeeId?: string;
  /** (createdAt, id) of the last row of the previous page */
  after?: KeyValue[];
  /** rows to read: the page size + 1 */
  limit: number;
}

export function caseDedupeKey(input: OpenCaseInput): string {
  return `${input.employeeId}|${input.trigger}|${input.agreementId ?? input.effectiveDate}`;
}

/** The offboarding case aggregate: the case and the outcome of each step on it. */
@Injectable()
export class OffboardingCaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens the case, or finds the one a previous delivery of the same job opened; counts the run. */
  async openOrFind(tx: Tx, input: OpenCaseInput, nowIso: string): Promise<{ entity: OffboardingCaseEntity; created: boolean }> {
    const dedupeKey = caseDedupeKey(input);
    const repo = tx.manager.getRepository(OffboardingCaseEntity);
    const before = await repo.findOne({ where: { dedupeKey } });
    if (!before) {
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(OffboardingCaseEntity)
        .values({ id: randomUUID(), dedupeKey, ...input, status: 'open', runs: 0, createdAt: nowIso, updatedAt: nowIso, closedAt: null })
        .orIgnore()
        .execute();
    }
    await tx.manager
      .createQueryBuilder()
      .update(OffboardingCaseEntity)
      .set({ runs: () => 'runs + 1', updatedAt: nowIso })
      .where('dedupe_key = :dedupeKey', { dedupeKey })
      .execute();
    const entity = await repo.findOneOrFail({ where: { dedupeKey } });
    return { entity, created: !before && entity.runs === 1 };
  }

  findById(id: string): Promise<OffboardingCaseEntity | null> {
    return this.dataSource.getRepository(OffboardingCaseEntity).findOne({ where: { id } });
  }

  /** Newest first, keyset by (created_at, id). */
  async list(filter: CaseListFilter): Promise<OffboardingCaseEntity[]> {
    const qb = this.dataSource.getRepository(OffboardingCaseEntity).createQueryBuilder('c');
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.employeeId) qb.andWhere('c.employee_id = :employeeId', { employeeId: filter.employeeId });
    if (filter.after) qb.andWhere(...keysetCondition(['c.created_at', 'c.id'], 'DESC', filter.after));
    return qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').take(filter.limit).getMany();
  }

  stepsOf(caseId: string, tx?: Tx): Promise<OffboardingCaseStepEntity[]> {
    const manager = tx?.manager ?? this.dataSource.manager;
    return manager.getRepository(OffboardingCaseStepEntity).find({ where: { caseId }, order: { updatedAt: 'ASC' } });
  }

  async stepsOfMany(caseIds: string[]): Promise<OffboardingCaseStepEntity[]> {
    if (caseIds.length === 0) return [];
    return this.dataSource
      .getRepository(OffboardingCaseStepEntity)
      .createQueryBuilder('s')
      .where('s.case_id IN (:...caseIds)', { caseIds })
      .orderBy('s.updated_at', 'ASC')
      .getMany();
  }

  /** Records an attempt's outcome. A step already done stays done (its result is never overwritten). */
  async recordStep(
    tx: Tx,
    caseId: string,
    stepName: string,
    outcome: { status: 'done'; result: unknown } | { status: 'failed'; error: string },
    nowIso: string,
  ): Promise<void> {
    const repo = tx.manager.getRepository(OffboardingCaseStepEntity);
    const existing = await repo.findOne({ where: { caseId, stepName } });
    const values =
      outcome.status === 'done'
        ? { status: 'done' as const, result: JSON.stringify(outcome.result ?? {}), lastError: null, doneAt: nowIso, updatedAt: nowIso }
        : { status: 'failed' as const, lastError: outcome.error.slice(0, 500), updatedAt: nowIso };
    if (!existing) {
      await repo.insert({ id: randomUUID(), caseId, stepName, attempts: 1, result: null, doneAt: null, ...values });
      return;
    }
    await tx.manager
      .createQueryBuilder()
      .update(OffboardingCaseStepEntity)
      .set({ ...values, attempts: () => 'attempts + 1' })
      .where("id = :id AND status <> 'done'", { id: existing.id })
      .execute();
  }

  /** Conditional: closing twice reports false the second time. */
  async close(tx: Tx, caseId: string, nowIso: string): Promise<boolean> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(OffboardingCaseEntity)
      .set({ status: 'closed', closedAt: nowIso, updatedAt: nowIso })
      .where("id = :id AND status = 'open'", { id: caseId })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
