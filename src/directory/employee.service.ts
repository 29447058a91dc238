import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock, municipalToday } from '../common/clock';
import { Conflict, DomainError, NotFound, ValidationFailed } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { encodeCursor, readCursor } from '../common/http/keyset-cursor';
import { SORT_COLUMNS } from './domain/employee-cursor';
import { normalizeServiceCode } from './domain/employee-fields';
import { MANAGER_FLAG_NEEDS_ADMIN, assertMayChangeSigningAuthority } from './domain/signing-authority.policy';
import { CreateEmployeeDto, EmployeeListQueryDto, UpdateEmployeeDto } from './dto/employee.dto';
import { EmployeeEntity } from './employee.entity';
import { ManagerReach } from './domain/service-manager.policy';
import { EmployeeRecord, EmployeeRepository } from './employee.repository';
import { EmployeeView, toEmployeeView } from './employee.mapper';
import { LeaverOffboarding } from './leaver-offboarding';
import { ServiceRepository } from './service.repository';
import { isUniqueViolation } from '../database/unique-violation';

const CLASH_CODES = {
  employeeNumber: ['EMPLOYEE_NUMBER_TAKEN', 'Another employee has this employee number'],
  externalId: ['EXTERNAL_ID_TAKEN', 'Another employee has this external id'],
  username: ['USERNAME_TAKEN', 'Another employee has this username'],
} as const;

const SORT_VALUE: Record<string, (r: EmployeeRecord) => string> = {
  last_name: (r) => r.lastName,
  first_name: (r) => r.firstName,
  id: (r) => r.id,
  employee_number: (r) => r.employeeNumber,
  created_at: (r) => r.createdAt,
  updated_at: (r) => r.updatedAt,
};

@Injectable()
export class EmployeeService {
  constructor(
    private readonly employees: EmployeeRepository,
    private readonly services: ServiceRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly leavers: LeaverOffboarding,
  ) {}

  async get(id: string): Promise<EmployeeView> {
    const r = await this.employees.findById(id);
    if (!r) throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', id);
    return toEmployeeView(r);
  }

  /** `reach`: a manager's login lists only the people it reaches (manager-reach.service.ts). */
  async list(query: EmployeeListQueryDto, reach?: ManagerReach): Promise<{ items: EmployeeView[]; nextCursor: string | null }> {
    const sort = query.sort ?? 'name';
    const order = query.order ?? 'asc';
    const limit = query.limit ?? 50;
    const position = readCursor(query.cursor, `${sort}:${order}`, SORT_COLUMNS[sort].length);
    const after = position ? position.map(String) : null;
    const rows = await this.employees.list({
      serviceCode: query.serviceCode ? normalizeServiceCode(query.serviceCode) : undefined,
      active: query.active,
      isManager: query.isManager,
      q: query.q,
      reach,
      sort,
      order,
      after,
      limit,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(
            `${sort}:${order}`,
            SORT_COLUMNS[sort].map((c) => SORT_VALUE[c](last)),
          )
        : null;
    return { items: page.map(toEmployeeView), nextCursor };
  }

  async create(actor: Actor, input: CreateEmployeeDto): Promise<EmployeeView> {
    const id = randomUUID();
    await this.guarded(actor, 'create', input.employeeNumber, async () =>
      this.uow.run(async (tx) => {
        const service = await this.serviceByCode(tx, input.serviceCode);
        assertMayChangeSigningAuthority(actor.role, null, {
          isManager: input.isManager ?? false,
          isDirectorGeneral: input.isDirectorGeneral ?? false,
          serviceId: service.id,
        });
        await this.refuseClashes(tx, { employeeNumber: input.employeeNumber, externalId: input.externalId, username: input.username }, null);
        const now = this.clock.nowIso();
        const entity: EmployeeEntity = {
          id,
          employeeNumber: input.employeeNumber,
          externalId: input.externalId ?? null,
          source: 'manual',
          username: input.username ?? null,
          firstName: input.firstName,
          lastName: input.lastName,
          email: input.email ?? null,
          serviceId: service.id,
          profile: input.profile ?? null,
          category: input.category ?? null,
          isManager: input.isManager ?? false,
          isDirectorGeneral: input.isDirectorGeneral ?? false,
          disabledWorker: input.disabledWorker ?? false,
          active: true,
          deactivatedAt: null,
          deactivationReason: null,
          lastSyncedAt: null,
          directoryDn: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        await this.employees.insertMany(tx, [entity]);
        await this.audit.record(tx, actor, {
          action: 'employee.created',
          entityType: 'employee',
          entityId: id,
          summary: { employeeNumber: entity.employeeNumber, serviceCode: service.code, source: 'manual' },
        });
      }),
    );
    return this.get(id);
  }

  async update(actor: Actor, id: string, input: UpdateEmployeeDto): Promise<EmployeeView> {
    await this.guarded(actor, 'update', id, async () =>
      this.uow.run(async (tx) => {
        const current = await this.employees.findById(id, tx);
        if (!current) throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', id);
        if (Number(current.version) !== input.version) {
          throw new Conflict('VERSION_CONFLICT', 'The employee was changed since you read it; read it again', { currentVersion: Number(current.version) });
        }
        const patch: Partial<EmployeeEntity> = {};
        const simple = [
          'employeeNumber',
          'externalId',
          'username',
          'firstName',
          'lastName',
          'email',
          'profile',
          'category',
          'isManager',
          'isDirectorGeneral',
          'disabledWorker',
        ] as const;
        for (const key of simple) {
          const value = input[key];
          if (value !== undefined && value !== current[key]) (patch as Record<string, unknown>)[key] = value;
        }
        if (input.serviceCode !== undefined) {
          const service = await this.serviceByCode(tx, input.serviceCode);
          if (service.id !== current.serviceId) patch.serviceId = service.id;
        }
        const after = {
          isManager: patch.isManager ?? current.isManager,
          isDirectorGeneral: patch.isDirectorGeneral ?? current.isDirectorGeneral,
          serviceId: patch.serviceId ?? current.serviceId,
        };
        assertMayChangeSigningAuthority(actor.role, current, after);
        await this.refuseClashes(tx, { employeeNumber: patch.employeeNumber, externalId: patch.externalId, username: patch.username }, id);
        const now = this.clock.nowIso();
        const today = municipalToday(this.clock, this.config);
        let deactivated = false;
        if (input.active === false && current.active) {
          Object.assign(patch, { active: false, deactivatedAt: now, deactivationReason: input.deactivationReason ?? 'deactivated_by_hr' });
          deactivated = true;
        } else if (input.active === true && !current.active) {
          Object.assign(patch, { active: true, deactivatedAt: null, deactivationReason: null });
        }
        if (Object.keys(patch).length === 0) return;
        patch.updatedAt = now;
        if (!(await this.employees.updateIfVersion(tx, id, input.version, patch))) {
          throw new Conflict('VERSION_CONFLICT', 'The employee was changed since you read it; read it again');
        }
        if (deactivated) await this.leavers.record(tx, id, today);
        await this.audit.record(tx, actor, {
          action: deactivated ? 'employee.deactivated' : 'employee.updated',
          entityType: 'employee',
          entityId: id,
          summary: { fields: Object.keys(patch).filter((k) => k !== 'updatedAt'), version: input.version + 1 },
        });
      }),
    );
    return this.get(id);
  }

  private async serviceByCode(tx: Tx, code: string) {
    const service = await this.services.findByCode(normalizeServiceCode(code), tx);
    if (!service) {
      throw new ValidationFailed(
        [{ field: 'serviceCode', messages: [`no service has code ${normalizeServiceCode(code)}`] }],
        'Unknown service code',
        'UNKNOWN_SERVICE_CODE',
      );
    }
    return service;
  }

  private async refuseClashes(tx: Tx, values: { employeeNumber?: string; externalId?: string | null; username?: string | null }, exceptId: string | null) {
    const clashes = await this.employees.clashes(values, exceptId, tx);
    if (clashes.length) {
      const [code, message] = CLASH_CODES[clashes[0]];
      throw new Conflict(code, message, { fields: clashes });
    }
  }

  /**
   * Two writers racing past the clash check meet the unique index: still a 409, never a 500. A refused change of
   * signing authority changes nothing; its audit entry is the only trace.
   */
  private async guarded<T>(actor: Actor, operation: 'create' | 'update', entityId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err)) throw new Conflict('EMPLOYEE_CONFLICT', 'Another employee has the same number, external id or username');
      if (err instanceof DomainError && err.code === MANAGER_FLAG_NEEDS_ADMIN) {
        await this.audit.recordAlone(actor, {
          action: 'employee.change_refused',
          entityType: 'employee',
          entityId,
          summary: { operation, code: err.code, fields: err.details?.fields },
        });
      }
      throw err;
    }
  }
}
