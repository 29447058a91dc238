import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { Clock } from '../common/clock';
import { Actor } from '../common/auth/roles';
import { Conflict, RuleViolation } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { Notices } from '../notices';
import { AgreementEndedTrigger } from './agreement-ended.trigger';
import { AgreementSuspensionTrigger } from './agreement-suspension.trigger';
import { AgreementEntity } from './agreement.entity';
import { toAgreementHrDto } from './agreement.mapper';
import { AgreementRepository } from './agreement.repository';
import { AgreementsService } from './agreements.service';
import { assertMayDo, assertTransition } from './domain/agreement-state';
import { coversDate } from './domain/in-force';
import { decideWithdrawal } from './domain/withdrawal.policy';
import { AgreementHrDto } from './dto/agreement.dto';
import { SafetyNoticeDto, SuspendAgreementDto, WithdrawAgreementDto } from './dto/agreement-input.dto';

/**
 * Withdrawal, suspension and the safety notice (signatures: AgreementSigningService). Each is one unit of work: read, let the domain rules
 * decide, conditional update on (id, version), audit — so two clerks acting at once cannot both win.
 */
@Injectable()
export class AgreementLifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly agreements: AgreementRepository,
    private readonly records: AgreementsService,
    private readonly ended: AgreementEndedTrigger,
    private readonly suspension: AgreementSuspensionTrigger,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notices: Notices,
  ) {}

  async withdraw(actor: Actor, id: string, input: WithdrawAgreementDto): Promise<AgreementHrDto> {
    const today = this.records.today();
    const stored = await this.uow.run(async (tx) => {
      const current = await this.records.mustFind(id, tx);
      const employee = await this.records.lockEmployee(tx, current.employeeId);
      assertMayDo('withdraw', current.state);
      const decision = decideWithdrawal(
        {
          initiatedBy: input.initiatedBy,
          noticeDate: input.noticeDate,
          justifiedCause: input.justifiedCause ?? false,
          requestedEffectiveDate: input.effectiveDate,
        },
        { startDate: current.startDate, endDate: current.endDate, disabledWorker: employee.disabledWorker, today },
      );
      // A notified withdrawal can only be brought forward (e.g. by a justified cause), never postponed or repeated.
      if (current.withdrawalEffectiveDate && decision.effectiveDate >= current.withdrawalEffectiveDate) {
        throw new Conflict('WITHDRAWAL_ALREADY_NOTIFIED', `A withdrawal already takes effect on ${current.withdrawalEffectiveDate}`, {
          effectiveDate: current.withdrawalEffectiveDate,
        });
      }
      const changes: Partial<AgreementEntity> = {
        withdrawalInitiatedBy: input.initiatedBy,
        withdrawalNoticeDate: input.noticeDate,
        withdrawalEffectiveDate: decision.effectiveDate,
        withdrawalJustifiedCause: input.justifiedCause ?? false,
        withdrawalReason: input.reason,
        withdrawalBasis: decision.basis,
        withdrawalNoticeDays: decision.noticeDays,
      };
      if (decision.immediate) {
        assertTransition(current.state, 'withdrawn');
        changes.state = 'withdrawn';
        changes.endedOn = decision.effectiveDate;
      }
      const updated = await this.agreements.update(tx, current, changes, this.clock.nowIso());
      const offboarding = decision.immediate ? await this.ended.agreementEnded(tx, updated, decision.effectiveDate, today) : false;
      await this.audit.record(tx, actor, {
        action: 'agreement.withdraw',
        entityType: 'agreement',
        entityId: id,
        summary: {
          initiatedBy: input.initiatedBy,
          noticeDate: input.noticeDate,
          effectiveDate: decision.effectiveDate,
          basis: decision.basis,
          immediate: decision.immediate,
          offboarding,
        },
      });
      // Employee and managers are told the effective date (a withdrawal brought forward is a new notice).
      await this.notices.record(tx, {
        kind: 'withdrawal-notice',
        key: `${id}-${decision.effectiveDate}`,
        employeeId: current.employeeId,
        facts: { noticeDate: input.noticeDate, effectiveDate: decision.effectiveDate, initiatedBy: input.initiatedBy },
      });
      return updated;
    });
    return toAgreementHrDto(stored, today);
  }

  /**
   * Suspension pauses remote work (the gate refuses) without ending the agreement: no offboarding. In the same unit
   * the features follow (VPN: the employee's accounts are suspended, certificates on hold and on the CRL).
   */
  async suspend(actor: Actor, id: string, input: SuspendAgreementDto): Promise<AgreementHrDto> {
    const today = this.records.today();
    const { stored, followed } = await this.uow.run(async (tx) => {
      const current = await this.records.mustFind(id, tx);
      assertTransition(current.state, 'suspended');
      const now = this.clock.nowIso();
      const updated = await this.agreements.update(tx, current, { state: 'suspended', suspendedAt: now, suspensionReason: input.reason }, now);
      const followed = await this.suspension.suspended(tx, { agreementId: id, employeeId: current.employeeId, reason: input.reason }, actor);
      await this.audit.record(tx, actor, {
        action: 'agreement.suspend',
        entityType: 'agreement',
        entityId: id,
        summary: { reason: input.reason, followed: followed.record },
      });
      return { stored: updated, followed };
    });
    await followed.afterCommit();
    return toAgreementHrDto(stored, today);
  }

  async resume(actor: Actor, id: string, note?: string): Promise<AgreementHrDto> {
    const today = this.records.today();
    const { stored, followed } = await this.uow.run(async (tx) => {
      const current = await this.records.mustFind(id, tx);
      assertMayDo('resume', current.state);
      if (!coversDate(current, today)) {
        throw new RuleViolation('AGREEMENT_PERIOD_OVER', 'The agreement is no longer in its period (ended or withdrawn); the daily sweep closes it', {
          endDate: current.endDate,
          withdrawalEffectiveDate: current.withdrawalEffectiveDate,
        });
      }
      assertTransition(current.state, 'active');
      const updated = await this.agreements.update(tx, current, { state: 'active', suspendedAt: null, suspensionReason: null }, this.clock.nowIso());
      // After the update: the gate the followers pass (inside this unit) sees the agreement in force again.
      const followed = await this.suspension.resumed(tx, { agreementId: id, employeeId: current.employeeId, reason: note ?? null }, actor);
      await this.audit.record(tx, actor, {
        action: 'agreement.resume',
        entityType: 'agreement',
        entityId: id,
        summary: { note: note ?? null, suspendedAt: current.suspendedAt, followed: followed.record },
      });
      return { stored: updated, followed };
    });
    await followed.afterCommit();
    return toAgreementHrDto(stored, today);
  }

  /** Re-delivery every 12 months; allowed on any agreement not ended, drafts included (it is not part of the signed text). */
  async recordSafetyNotice(actor: Actor, id: string, input: SafetyNoticeDto): Promise<AgreementHrDto> {
    const today = this.records.today();
    const stored = await this.uow.run(async (tx) => {
      const current = await this.records.mustFind(id, tx);
      assertMayDo('recordSafetyNotice', current.state);
      this.records.assertSafetyNoticeDate(input.deliveredOn, today);
      if (current.safetyNoticeDeliveredOn && input.deliveredOn < current.safetyNoticeDeliveredOn) {
        throw new RuleViolation('SAFETY_NOTICE_OLDER_THAN_RECORDED', `A later delivery (${current.safetyNoticeDeliveredOn}) is already recorded`, {
          recorded: current.safetyNoticeDeliveredOn,
        });
      }
      const updated = await this.agreements.update(tx, current, { safetyNoticeDeliveredOn: input.deliveredOn }, this.clock.nowIso());
      await this.audit.record(tx, actor, {
        action: 'agreement.safety_notice',
        entityType: 'agreement',
        entityId: id,
        summary: { deliveredOn: input.deliveredOn, previous: current.safetyNoticeDeliveredOn },
      });
      return updated;
    });
    return toAgreementHrDto(stored, today);
  }
}
