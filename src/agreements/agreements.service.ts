import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { municipalToday, Clock } from '../common/clock';
import { Actor } from '../common/auth/roles';
import { Conflict, Forbidden, NotFound, RuleViolation } from '../common/errors/domain-error';
import { readsSpecialCategory } from '../common/auth/special-category';
import { pageOf, readCursor } from '../common/http/keyset-cursor';
import { AppConfig } from '../config/app-config';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory, EmployeeView, ManagerReaches } from '../directory';
import { Notices } from '../notices';
import { AgreementEntity, toSnapshot } from './agreement.entity';
import { toAgreementHrDto } from './agreement.mapper';
import { AgreementRepository } from './agreement.repository';
import { assertValidTerms } from './domain/agreement-terms.policy';
import { overlappingAgreements } from './domain/in-force';
import { AgreementHrDto, AgreementHrListDto } from './dto/agreement.dto';
import { AgreementListQueryDto, CreateAgreementDto, UpdateAgreementDto } from './dto/agreement-input.dto';

/** Recording agreements: create, edit the draft, read. Signing and the rest of the lifecycle: AgreementLifecycleService. */

/** The one ordering of the agreement list: newest start first. */
const AGREEMENT_SORT = '-startDate';
@Injectable()
export class AgreementsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly agreements: AgreementRepository,
    private readonly employees: EmployeeDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly notices: Notices,
    private readonly reach: ManagerReaches,
  ) {}

  today(): string {
    return municipalToday(this.clock, this.config);
  }

  async create(actor: Actor, input: CreateAgreementDto): Promise<AgreementHrDto> {
    const today = this.today();
    const created = await this.uow.run(async (tx) => {
      const employee = await this.lockEmployee(tx, input.employeeId);
      if (!employee.active) throw new RuleViolation('EMPLOYEE_INACTIVE', 'The employee is not active', { employeeId: employee.id });
      this.assertSafetyNoticeDate(input.safetyNoticeDeliveredOn ?? null, today);
      const now = this.clock.nowIso();
      const entity: AgreementEntity = {
        id: randomUUID(),
        employeeId: employee.id,
        state: 'draft',
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        remoteDaysPerWeek: input.remoteDaysPerWeek,
        places: JSON.stringify(input.places),
        contactBand: input.contactBand,
        nonOperabilityBand: input.nonOperabilityBand,
        rightToDisconnect: input.rightToDisconnect,
        toolsProvided: JSON.stringify(input.toolsProvided),
        objectives: input.objectives,
        resultsMonitoring: input.resultsMonitoring,
        safetyNoticeDeliveredOn: input.safetyNoticeDeliveredOn ?? null,
        employeeSignedAt: null,
        employeeSignerId: null,
        managerSignedAt: null,
        managerSignerId: null,
        documentSha256: null,
        employeeSignatureRecordedBy: null,
        managerSignatureRecordedAt: null,
        managerSignatureRecordedBy: null,
        managerSignatureReference: null,
        managerSignatureConfirmedBy: null,
        suspendedAt: null,
        suspensionReason: null,
        withdrawalInitiatedBy: null,
        withdrawalNoticeDate: null,
        withdrawalEffectiveDate: null,
        withdrawalJustifiedCause: null,
        withdrawalReason: null,
        withdrawalBasis: null,
        withdrawalNoticeDays: null,
        endedOn: null,
        createdBy: actor.name,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      assertValidTerms(entity, employee);
      await this.assertNoOverlap(tx, entity);
      await this.agreements.insert(tx, entity);
      await this.audit.record(tx, actor, {
        action: 'agreement.create',
        entityType: 'agreement',
        entityId: entity.id,
        summary: { employeeId: entity.employeeId, startDate: entity.startDate, endDate: entity.endDate, remoteDaysPerWeek: entity.remoteDaysPerWeek },
      });
      // The employee and the managers of their service are told the draft awaits their signatures.
      await this.notices.record(tx, {
        kind: 'agreement-ready',
        key: entity.id,
        employeeId: entity.employeeId,
        facts: { startDate: entity.startDate, remoteDaysPerWeek: entity.remoteDaysPerWeek },
      });
      return entity;
    });
    return toAgreementHrDto(created, today);
  }

  async update(actor: Actor, id: string, input: UpdateAgreementDto): Promise<AgreementHrDto> {
    const today = this.today();
    const updated = await this.uow.run(async (tx) => {
      const current = await this.mustFind(id, tx);
      const employee = await this.lockEmployee(tx, current.employeeId);
      if (current.state !== 'draft' || current.employeeSignedAt || current.managerSignedAt || current.managerSignatureRecordedAt) {
        throw new Conflict('AGREEMENT_NOT_EDITABLE', 'Only a draft nobody has signed yet can be edited', { state: current.state });
      }
      if (input.safetyNoticeDeliveredOn !== undefined) this.assertSafetyNoticeDate(input.safetyNoticeDeliveredOn, today);
      const changes: Partial<AgreementEntity> = {};
      const fields = [
        'startDate',
        'remoteDaysPerWeek',
        'contactBand',
        'nonOperabilityBand',
        'rightToDisconnect',
        'objectives',
        'resultsMonitoring',
        'safetyNoticeDeliveredOn',
      ] as const;
      for (const f of fields) if (input[f] !== undefined) (changes as Record<string, unknown>)[f] = input[f];
      if (input.endDate !== undefined) changes.endDate = input.endDate;
      if (input.places !== undefined) changes.places = JSON.stringify(input.places);
      if (input.toolsProvided !== undefined) changes.toolsProvided = JSON.stringify(input.toolsProvided);
      const next = { ...current, ...changes };
      assertValidTerms(next, employee);
      await this.assertNoOverlap(tx, next);
      const stored = await this.agreements.update(tx, current, changes, this.clock.nowIso());
      await this.audit.record(tx, actor, { action: 'agreement.update', entityType: 'agreement', entityId: id, summary: { fields: Object.keys(changes) } });
      return stored;
    });
    return toAgreementHrDto(updated, today);
  }

  async get(id: string): Promise<AgreementHrDto> {
    return toAgreementHrDto(await this.mustFind(id), this.today());
  }

  async list(actor: Actor, query: AgreementListQueryDto): Promise<AgreementHrListDto> {
    const limit = query.limit ?? 50;
    const after = readCursor(query.cursor, AGREEMENT_SORT, 2);
    const today = this.today();
    // Whether an agreement is still in force on a later day tells when a pending withdrawal takes effect, and 90
    // days' notice tells a disabled worker: only readers of special-category data may ask about the future.
    if (query.inForceOn && query.inForceOn > today && !readsSpecialCategory(actor)) {
      throw new Forbidden('IN_FORCE_DATE_AFTER_TODAY', 'Only HR can list the agreements in force after today', { today });
    }
    const reach = (await this.reach.narrowing(actor)) ?? undefined;
    const rows = await this.agreements.list({ employeeId: query.employeeId, reach, state: query.state, inForceOn: query.inForceOn, after, limit: limit + 1 });
    return pageOf(
      rows,
      limit,
      AGREEMENT_SORT,
      (a) => [a.startDate, a.id],
      (a) => toAgreementHrDto(a, today),
    );
  }

  /** Each of these employees' agreements as `list` gives them (newest start first), in one read: a manager's team. */
  async ofEmployees(employeeIds: string[]): Promise<Map<string, AgreementHrDto[]>> {
    const today = this.today();
    const rows = await this.agreements.forEmployees([...new Set(employeeIds)]);
    return new Map(employeeIds.map((id) => [id, [...(rows.get(id) ?? [])].reverse().map((a) => toAgreementHrDto(a, today))]));
  }

  /** For a manager's login: 404 for an unknown agreement, 403 NOT_MANAGER_OF_EMPLOYEE when it does not reach its employee. */
  async assertReaches(actor: Actor, id: string): Promise<void> {
    await this.reach.assertReaches(actor, async () => (await this.mustFind(id)).employeeId);
  }

  async mustFind(id: string, tx?: Tx): Promise<AgreementEntity> {
    const found = await this.agreements.findById(id, tx);
    if (!found) throw NotFound.entity('AGREEMENT_NOT_FOUND', 'agreement', id);
    return found;
  }

  /** The employee's row lock serialises agreement decisions for one employee (overlaps) on PostgreSQL. */
  async lockEmployee(tx: Tx, employeeId: string): Promise<EmployeeView> {
    const employee = await this.employees.lockById(tx, employeeId);
    if (!employee) throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', employeeId);
    return employee;
  }

  /** At most one agreement in force over any date range: drafts count too, so two drafts cannot compete. */
  async assertNoOverlap(tx: Tx, candidate: AgreementEntity): Promise<void> {
    const others = (await this.agreements.forEmployee(candidate.employeeId, tx)).map(toSnapshot);
    const clash = overlappingAgreements(toSnapshot(candidate), others, true);
    if (clash.length > 0) {
      throw new Conflict('AGREEMENT_OVERLAP', 'The employee already has an agreement covering part of this period', {
        agreementIds: clash.map((c) => c.id),
      });
    }
  }

  assertSafetyNoticeDate(deliveredOn: string | null, today: string): void {
    if (deliveredOn !== null && deliveredOn > today) {
      throw new RuleViolation('SAFETY_NOTICE_DATE_IN_FUTURE', 'The safety notice cannot be recorded as delivered after today', { deliveredOn, today });
    }
  }
}
