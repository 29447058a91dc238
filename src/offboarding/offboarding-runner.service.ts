import { Injectable, Logger } from '@nestjs/common';
import { ProvisioningGate } from '../agreements';
import { AuditService } from '../audit';
import { Clock } from '../common/clock';
import { SYSTEM_ACTOR } from '../common/auth/roles';
import { UnitOfWork } from '../database/unit-of-work';
import { JobOutcome, JobPayloads } from '../jobs';
import { offboardingRelevance } from './domain/offboarding-relevance';
import { OffboardingCaseEntity } from './offboarding-case.entity';
import { OffboardingCaseRepository } from './offboarding-case.repository';
import { OffboardingCase } from './offboarding-step';
import { OffboardingStepsRegistry } from './offboarding-steps.registry';

export class OffboardingStepsFailed extends Error {
  constructor(
    readonly caseId: string,
    readonly failedSteps: string[],
  ) {
    super(`offboarding case ${caseId}: ${failedSteps.length} step(s) failed (${failedSteps.join(', ')}); the job will retry them`);
    this.name = 'OffboardingStepsFailed';
  }
}

export function toOffboardingCase(entity: OffboardingCaseEntity): OffboardingCase {
  return { id: entity.id, employeeId: entity.employeeId, trigger: entity.trigger, agreementId: entity.agreementId, effectiveDate: entity.effectiveDate };
}

/**
 * Handles `offboarding.start`, whoever recorded it (agreement sweep, immediate withdrawal, directory leaver).
 * Each step runs in its own transaction together with the record of its success, so a step either happened
 * and is marked done, or neither; the others still run when one fails, and the job's retry only repeats the
 * steps not done yet. Steps run inside `uow.run`: they must not open a unit of work of their own.
 */
@Injectable()
export class OffboardingRunner {
  private readonly logger = new Logger('Offboarding');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: OffboardingCaseRepository,
    private readonly steps: OffboardingStepsRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly gate: ProvisioningGate,
  ) {}

  async handle(payload: JobPayloads['offboarding.start']): Promise<JobOutcome> {
    const opened = await this.uow.run(async (tx) => {
      const result = await this.cases.openOrFind(tx, payload, this.clock.nowIso());
      if (result.created) {
        await this.audit.record(tx, SYSTEM_ACTOR, {
          action: 'offboarding.open',
          entityType: 'offboarding_case',
          entityId: result.entity.id,
          summary: { employeeId: payload.employeeId, trigger: payload.trigger, agreementId: payload.agreementId, effectiveDate: payload.effectiveDate },
        });
      }
      return result.entity;
    });
    if (opened.status === 'closed') return 'skipped';
    if (await this.closeIfStale(opened)) return 'skipped';

    const done = new Set((await this.cases.stepsOf(opened.id)).filter((s) => s.status === 'done').map((s) => s.stepName));
    const subject = toOffboardingCase(opened);
    const failed: string[] = [];
    for (const step of this.steps.all()) {
      if (done.has(step.name)) continue;
      try {
        await this.uow.run(async (tx) => {
          const result = await step.run(subject, tx);
          await this.cases.recordStep(tx, opened.id, step.name, { status: 'done', result: result ?? {} }, this.clock.nowIso());
          await this.audit.record(tx, SYSTEM_ACTOR, {
            action: 'offboarding.step_done',
            entityType: 'offboarding_case',
            entityId: opened.id,
            summary: { step: step.name, result: result ?? {} },
          });
        });
      } catch (err) {
        failed.push(step.name);
        const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        this.logger.warn({ caseId: opened.id, step: step.name, err: message }, 'offboarding step failed');
        await this.uow.run((tx) => this.cases.recordStep(tx, opened.id, step.name, { status: 'failed', error: message }, this.clock.nowIso()));
      }
    }
    if (failed.length > 0) throw new OffboardingStepsFailed(opened.id, failed);

    await this.uow.run(async (tx) => {
      if (await this.cases.close(tx, opened.id, this.clock.nowIso())) {
        await this.audit.record(tx, SYSTEM_ACTOR, {
          action: 'offboarding.close',
          entityType: 'offboarding_case',
          entityId: opened.id,
          summary: { steps: this.steps.all().map((s) => s.name) },
        });
      }
    });
    return 'done';
  }

  /** A case whose reason no longer holds today (new agreement, back in the directory) is closed untouched. */
  private async closeIfStale(opened: OffboardingCaseEntity): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const today = await this.gate.check(opened.employeeId, tx);
      const relevance = offboardingRelevance(opened.trigger, opened.agreementId, today);
      if (relevance === 'due') return false;
      if (await this.cases.close(tx, opened.id, this.clock.nowIso())) {
        await this.audit.record(tx, SYSTEM_ACTOR, {
          action: 'offboarding.superseded',
          entityType: 'offboarding_case',
          entityId: opened.id,
          summary: { reason: relevance, agreementInForce: today.agreementId },
        });
        this.logger.log({ caseId: opened.id, reason: relevance }, 'offboarding case no longer due: closed without running its steps');
      }
      return true;
    });
  }
}
