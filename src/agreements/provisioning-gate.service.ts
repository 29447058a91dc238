import { Injectable } from '@nestjs/common';
import { EligibilityService } from '../activities';
import { municipalToday, Clock } from '../common/clock';
import { NotFound } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Tx } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { toSnapshot } from './agreement.entity';
import { AgreementRepository } from './agreement.repository';
import { decideGate } from './domain/gate.policy';
import { GateDecision, ProvisioningGate } from './provisioning-gate';

/**
 * The gate's adapter: gathers what the policy needs (employee, eligibility, agreements) — inside the caller's
 * transaction when given one, so a handover or a certificate commits together with the decision that allowed
 * it — and lets `decideGate` decide. An unknown employee is a 404 (EMPLOYEE_NOT_FOUND), not a refusal.
 */
@Injectable()
export class ProvisioningGateService extends ProvisioningGate {
  constructor(
    private readonly employees: EmployeeDirectory,
    private readonly eligibility: EligibilityService,
    private readonly agreements: AgreementRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    super();
  }

  check(employeeId: string, tx?: Tx): Promise<GateDecision> {
    return this.checkOn(employeeId, municipalToday(this.clock, this.config), tx);
  }

  /** The decision for another calendar date (YYYY-MM-DD), e.g. a handover booked ahead. */
  async checkOn(employeeId: string, date: string, tx?: Tx): Promise<GateDecision> {
    const employee = await this.employees.findById(employeeId, tx);
    if (!employee) throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', employeeId);
    // Sequential: inside a caller's transaction both reads share one connection.
    const eligible = await this.eligibility.isEligible(employeeId, tx);
    const agreements = await this.agreements.forEmployee(employeeId, tx);
    return decideGate({ date, employee: { id: employee.id, active: employee.active }, eligible, agreements: agreements.map(toSnapshot) });
  }

  async checkMany(employeeIds: string[], tx?: Tx): Promise<Map<string, GateDecision>> {
    const date = municipalToday(this.clock, this.config);
    const ids = [...new Set(employeeIds)];
    // Sequential for the same reason as checkOn.
    const employees = await this.employees.findByIds(ids, tx);
    const eligible = await this.eligibility.eligibleAmong(ids, tx);
    const agreements = await this.agreements.forEmployees(ids, tx);
    const out = new Map<string, GateDecision>();
    for (const employee of employees.values()) {
      out.set(
        employee.id,
        decideGate({
          date,
          employee: { id: employee.id, active: employee.active },
          eligible: eligible.has(employee.id),
          agreements: (agreements.get(employee.id) ?? []).map(toSnapshot),
        }),
      );
    }
    return out;
  }
}
