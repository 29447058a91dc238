import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { TokenProvenance } from '../auth';
import { Clock } from '../common/clock';
import { Actor } from '../common/auth/roles';
import { Conflict, DomainError, NotFound, RuleViolation } from '../common/errors/domain-error';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { Notices } from '../notices';
import { AgreementEntity } from './agreement.entity';
import { toAgreementHrDto } from './agreement.mapper';
import { AgreementRepository } from './agreement.repository';
import { AgreementsService } from './agreements.service';
import { AgreementState, assertMayDo, isUnsigned, stateChange } from './domain/agreement-state';
import { assertValidTerms } from './domain/agreement-terms.policy';
import { Confirmer, Party, assertMayConfirm, assertMayReject, countersignatureCounts, isOwnLogin } from './domain/countersignature.policy';
import { assertMaySign, assertSameDocument } from './domain/signature.policy';
import { AgreementHrDto } from './dto/agreement.dto';
import { ConfirmCountersignatureDto, RejectCountersignatureDto, SignAgreementDto } from './dto/agreement-input.dto';

/**
 * Signatures under the two-person rule (domain/countersignature.policy.ts): recording the employee's and the
 * counterpart's signature, confirming a counterpart signature recorded from paper, or setting it aside. Each is
 * one unit of work with a conditional update on (id, version) and its audit event; a refusal by the rule changes
 * nothing and leaves only its audit entry.
 */
@Injectable()
export class AgreementSigningService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly agreements: AgreementRepository,
    private readonly records: AgreementsService,
    private readonly employees: EmployeeDirectory,
    private readonly provenance: TokenProvenance,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notices: Notices,
  ) {}

  async sign(actor: Actor, id: string, input: SignAgreementDto): Promise<AgreementHrDto> {
    const today = this.records.today();
    const stored = await this.uow.run(async (tx) => {
      const current = await this.records.mustFind(id, tx);
      const employee = await this.records.lockEmployee(tx, current.employeeId);
      assertMayDo('sign', current.state);
      const already = input.party === 'employee' ? current.employeeSignedAt : (current.managerSignedAt ?? current.managerSignatureRecordedAt);
      if (already) throw new Conflict('ALREADY_SIGNED', `The ${input.party} has already signed this agreement`, { party: input.party });
      const signer = await this.employees.findById(input.signerEmployeeId, tx);
      if (!signer) throw NotFound.entity('SIGNER_NOT_FOUND', 'signer', input.signerEmployeeId);
      if (!employee.active) throw new RuleViolation('EMPLOYEE_INACTIVE', 'The employee is not active', { employeeId: employee.id });
      assertMaySign(input.party, employee, signer);
      // The employee may have become a manager since the draft was written.
      assertValidTerms(current, employee);
      assertSameDocument(current.documentSha256, input.documentSha256);

      const now = this.clock.nowIso();
      const ownLogin = input.party === 'manager' && isOwnLogin(actor, signer.id);
      if (input.party === 'manager' && !ownLogin && !input.documentReference) {
        throw new RuleViolation(
          'DOCUMENT_REFERENCE_REQUIRED',
          "A counterpart signature recorded by anyone but the countersigner's own login needs the signed paper's reference (documentReference)",
          { signerEmployeeId: signer.id },
        );
      }
      const changes: Partial<AgreementEntity> =
        input.party === 'employee'
          ? { employeeSignedAt: now, employeeSignerId: signer.id, documentSha256: input.documentSha256, employeeSignatureRecordedBy: actor.id }
          : {
              managerSignerId: signer.id,
              documentSha256: input.documentSha256,
              managerSignatureRecordedAt: now,
              managerSignatureRecordedBy: actor.id,
              managerSignatureReference: input.documentReference ?? null,
              managerSignedAt: ownLogin ? now : null,
              managerSignatureConfirmedBy: ownLogin ? actor.id : null,
            };
      // The rule judges the whole trail, whichever signature came first: one person never makes both count.
      const merged = { ...current, ...changes };
      const setBack = merged.managerSignedAt !== null && !(await this.countersignatureCounts(tx, merged));
      if (setBack) Object.assign(changes, { managerSignedAt: null, managerSignatureConfirmedBy: null });
      Object.assign(changes, stateChange(current.state, await this.settledState(tx, { ...current, ...changes }, today)));
      const updated = await this.agreements.update(tx, current, changes, now);
      await this.audit.record(tx, actor, {
        action: 'agreement.sign',
        entityType: 'agreement',
        entityId: id,
        summary: {
          party: input.party,
          signerEmployeeId: signer.id,
          documentSha256: input.documentSha256,
          state: updated.state,
          ...(input.party === 'manager' ? { ownLogin, documentReference: input.documentReference ?? null } : {}),
          ...(setBack ? { countersignatureAwaitsConfirmation: true } : {}),
        },
      });
      await this.noticeIfSigned(tx, current, updated);
      return updated;
    });
    return toAgreementHrDto(stored, today);
  }

  /** A second person (an admin, or the countersigner's own login) makes a recorded counterpart signature count. */
  async confirmCountersignature(actor: Actor, id: string, input: ConfirmCountersignatureDto): Promise<AgreementHrDto> {
    const today = this.records.today();
    const stored = await this.auditingRefusal(actor, id, 'confirm', () =>
      this.uow.run(async (tx) => {
        const current = await this.records.mustFind(id, tx);
        const employee = await this.records.lockEmployee(tx, current.employeeId);
        const signerId = this.awaitingSigner(current);
        assertMayConfirm(await this.confirmer(tx, actor), signerId, {
          employee: await this.party(tx, current.employeeSignatureRecordedBy),
          countersignature: await this.party(tx, current.managerSignatureRecordedBy),
        });
        const signer = await this.employees.findById(signerId, tx);
        if (!signer) throw NotFound.entity('SIGNER_NOT_FOUND', 'signer', signerId);
        if (!employee.active) throw new RuleViolation('EMPLOYEE_INACTIVE', 'The employee is not active', { employeeId: employee.id });
        // Still the right countersigner today (flags and services may have changed since the paper was signed).
        assertMaySign('manager', employee, signer);
        assertValidTerms(current, employee);
        const now = this.clock.nowIso();
        const changes: Partial<AgreementEntity> = { managerSignedAt: now, managerSignatureConfirmedBy: actor.id };
        Object.assign(changes, stateChange(current.state, await this.settledState(tx, { ...current, ...changes }, today)));
        const updated = await this.agreements.update(tx, current, changes, now);
        await this.audit.record(tx, actor, {
          action: 'agreement.countersignature_confirmed',
          entityType: 'agreement',
          entityId: id,
          summary: {
            signerEmployeeId: signerId,
            recordedBy: current.managerSignatureRecordedBy,
            documentReference: current.managerSignatureReference,
            documentSha256: current.documentSha256,
            note: input.note ?? null,
            state: updated.state,
          },
        });
        await this.noticeIfSigned(tx, current, updated);
        return updated;
      }),
    );
    return toAgreementHrDto(stored, today);
  }

  /** Sets aside a counterpart signature awaiting confirmation; the agreement is a draft awaiting it again. */
  async rejectCountersignature(actor: Actor, id: string, input: RejectCountersignatureDto): Promise<AgreementHrDto> {
    const today = this.records.today();
    const stored = await this.auditingRefusal(actor, id, 'reject', () =>
      this.uow.run(async (tx) => {
        const current = await this.records.mustFind(id, tx);
        await this.records.lockEmployee(tx, current.employeeId);
        const signerId = this.awaitingSigner(current);
        assertMayReject(await this.confirmer(tx, actor), signerId, await this.party(tx, current.managerSignatureRecordedBy));
        const changes: Partial<AgreementEntity> = {
          managerSignerId: null,
          managerSignedAt: null,
          managerSignatureRecordedAt: null,
          managerSignatureRecordedBy: null,
          managerSignatureReference: null,
          managerSignatureConfirmedBy: null,
          // The hash came with this signature when nobody else had signed yet.
          documentSha256: current.employeeSignedAt ? current.documentSha256 : null,
        };
        Object.assign(changes, stateChange(current.state, 'draft'));
        const updated = await this.agreements.update(tx, current, changes, this.clock.nowIso());
        await this.audit.record(tx, actor, {
          action: 'agreement.countersignature_rejected',
          entityType: 'agreement',
          entityId: id,
          summary: {
            signerEmployeeId: signerId,
            recordedBy: current.managerSignatureRecordedBy,
            documentReference: current.managerSignatureReference,
            reason: input.reason,
          },
        });
        return updated;
      }),
    );
    return toAgreementHrDto(stored, today);
  }

  /** Both signatures count now: the hot-line queue is told (e-mail notice, in this unit of work). */
  private async noticeIfSigned(tx: Tx, before: AgreementEntity, after: AgreementEntity): Promise<void> {
    if (!isUnsigned(before.state) || isUnsigned(after.state)) return;
    await this.notices.record(tx, {
      kind: 'agreement-signed',
      key: after.id,
      employeeId: after.employeeId,
      facts: { startDate: after.startDate, endDate: after.endDate, remoteDaysPerWeek: after.remoteDaysPerWeek },
    });
  }

  /** The countersigner of a recorded counterpart signature that does not count yet, or 409. */
  private awaitingSigner(a: AgreementEntity): string {
    if (!isUnsigned(a.state) || a.managerSignedAt !== null || a.managerSignatureRecordedAt === null || a.managerSignerId === null) {
      throw new Conflict('NO_COUNTERSIGNATURE_AWAITING', 'No recorded counterpart signature awaits confirmation on this agreement', { state: a.state });
    }
    return a.managerSignerId;
  }

  /**
   * Where the agreement stands once these signatures are recorded: a draft while one is missing, awaiting
   * confirmation while the counterpart's does not count yet, else signed (future start) or active.
   */
  private async settledState(tx: Tx, next: AgreementEntity, today: string): Promise<AgreementState> {
    if (!next.employeeSignedAt || next.managerSignatureRecordedAt === null) return 'draft';
    if (next.endDate !== null && next.endDate < today) {
      throw new RuleViolation('AGREEMENT_PERIOD_OVER', `The agreement's period ended on ${next.endDate}`, { endDate: next.endDate });
    }
    if (!next.managerSignedAt) return 'awaiting_confirmation';
    const state = next.startDate <= today ? 'active' : 'signed';
    await this.records.assertNoOverlap(tx, { ...next, state });
    return state;
  }

  private async countersignatureCounts(tx: Tx, a: AgreementEntity): Promise<boolean> {
    return countersignatureCounts({
      employeeRecordedBy: await this.party(tx, a.employeeSignatureRecordedBy),
      countersignatureVouchedBy: await this.party(tx, a.managerSignatureConfirmedBy),
    });
  }

  private async party(tx: Tx, actorId: string | null): Promise<Party | null> {
    return actorId === null ? null : { id: actorId, issuedBy: await this.provenance.issuerOf(actorId, tx) };
  }

  private async confirmer(tx: Tx, actor: Actor): Promise<Confirmer> {
    return { id: actor.id, role: actor.role, issuedBy: await this.provenance.issuerOf(actor.id, tx) };
  }

  private async auditingRefusal<T>(actor: Actor, id: string, operation: 'confirm' | 'reject', work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'forbidden') {
        // The refused unit rolled back: its audit entry is the only trace, in a transaction of its own.
        await this.audit.recordAlone(actor, {
          action: 'agreement.countersignature_refused',
          entityType: 'agreement',
          entityId: id,
          summary: { operation, code: err.code },
        });
      }
      throw err;
    }
  }
}
