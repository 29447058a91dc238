import { Injectable } from '@nestjs/common';
import { Tx } from '../database/unit-of-work';
import { EmployeeRepository } from './employee.repository';
import { EmployeeView, toEmployeeView } from './employee.mapper';
import { ServiceRepository } from './service.repository';
import { ServiceView, toServiceView } from './service.mapper';

/**
 * The port other features use to reach the directory's employees and services (activities, agreements, inventory,
 * VPN): views, never entities; the directory alone queries its tables. Pass `tx` to read inside your own transaction.
 */
@Injectable()
export class EmployeeDirectory {
  constructor(
    private readonly employees: EmployeeRepository,
    private readonly services: ServiceRepository,
  ) {}

  async findById(id: string, tx?: Tx): Promise<EmployeeView | null> {
    const r = await this.employees.findById(id, tx);
    return r ? toEmployeeView(r) : null;
  }

  /** Many employees by id, in one read (ids the directory does not have are absent from the map). */
  async findByIds(ids: string[], tx?: Tx): Promise<Map<string, EmployeeView>> {
    return new Map((await this.employees.findByIds([...new Set(ids)], tx)).map((r) => [r.id, toEmployeeView(r)]));
  }

  /**
   * The employee, with their row locked until the caller's transaction ends: what serialises per-employee decisions
   * (activity links, agreement overlaps) between concurrent requests on PostgreSQL. SQLite serialises every unit of
   * work already.
   */
  async lockById(tx: Tx, id: string): Promise<EmployeeView | null> {
    const r = await this.employees.lockById(tx, id);
    return r ? toEmployeeView(r) : null;
  }

  /** The active managers of a service: who is told about an employee's agreement (e-mail notices). */
  async managersOf(serviceId: string, tx?: Tx): Promise<EmployeeView[]> {
    return (await this.employees.managersOf(serviceId, tx)).map(toEmployeeView);
  }

  /** The active employees of a service, by name: a manager's people (domain/service-manager.policy.ts) are among them. */
  async activeOfService(serviceId: string, tx?: Tx): Promise<EmployeeView[]> {
    return (await this.employees.activeOfService(serviceId, tx)).map(toEmployeeView);
  }

  /** Case-insensitive, as directory logins are. */
  async findByUsername(username: string, tx?: Tx): Promise<EmployeeView | null> {
    const r = await this.employees.findByUsername(username, tx);
    return r ? toEmployeeView(r) : null;
  }

  async findByExternalId(externalId: string, tx?: Tx): Promise<EmployeeView | null> {
    const r = await this.employees.findByExternalId(externalId, tx);
    return r ? toEmployeeView(r) : null;
  }

  /** Which of these values name a person of the directory (employee number, external id or username, any case). */
  personIdentifiersAmong(values: string[], tx?: Tx): Promise<string[]> {
    return this.employees.personIdentifiersAmong(values, tx);
  }

  /** The services with these codes (codes the directory does not have are left out). */
  async servicesByCodes(codes: string[], tx?: Tx): Promise<ServiceView[]> {
    return (await this.services.findByCodes(codes, tx)).map(toServiceView);
  }

  /** The service with this code, created (active) when missing; an existing one is never renamed. */
  async ensureService(tx: Tx, code: string, name: string): Promise<ServiceView> {
    return toServiceView(await this.services.ensure(tx, code, name));
  }
}
