import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { Clock } from '../common/clock';
import { Actor } from '../common/auth/roles';
import { NotFound, RuleViolation } from '../common/errors/domain-error';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { ActivityRepository } from './activity.repository';
import { toActivityDto } from './activity.mapper';
import { decideEligibility, RemoteCapability, remoteCapability } from './domain/eligibility.policy';
import { ActivityDto, EligibilityDto } from './dto/activities.dto';
import { EmployeeActivityRepository } from './employee-activity.repository';

/** Employee ↔ activity links and the eligibility they decide; the gate reads `isEligible` inside its transaction. */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly employees: EmployeeDirectory,
    private readonly activities: ActivityRepository,
    private readonly links: EmployeeActivityRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async replaceLinks(actor: Actor, employeeId: string, activityIds: string[]): Promise<EligibilityDto> {
    await this.uow.run(async (tx) => {
      // The employee's row lock serialises two replacements of one employee's links on PostgreSQL.
      const employee = await this.employees.lockById(tx, employeeId);
      if (!employee) throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', employeeId);
      const found = await this.activities.findByIds(activityIds, tx);
      const missing = activityIds.filter((id) => !found.some((a) => a.id === id));
      if (missing.length > 0) throw new RuleViolation('UNKNOWN_ACTIVITIES', `${missing.length} activity id(s) do not exist`, { activityIds: missing });
      const before = (await this.links.linkedActivities(employeeId, tx)).map((a) => a.id);
      await this.links.replace(tx, employeeId, activityIds, this.clock.nowIso());
      const after = decideEligibility(found);
      await this.audit.record(tx, actor, {
        action: 'employee.activities_replace',
        entityType: 'employee',
        entityId: employeeId,
        summary: {
          added: activityIds.filter((id) => !before.includes(id)),
          removed: before.filter((id) => !activityIds.includes(id)),
          eligible: after.eligible,
        },
      });
    });
    return this.eligibility(employeeId);
  }

  async eligibility(employeeId: string): Promise<EligibilityDto> {
    const employee = await this.employees.findById(employeeId);
    if (!employee) throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', employeeId);
    const linked = await this.links.linkedActivities(employeeId);
    const decision = decideEligibility(linked);
    return { employeeId, eligible: decision.eligible, decidingActivities: decision.decidingActivities.map(toActivityDto), linkedActivities: linked.length };
  }

  /** Each of these employees' activities, and what they decide (eligibility, remote capability), in one read: a manager's team. */
  async activitiesOfEach(employeeIds: string[]): Promise<Map<string, { activities: ActivityDto[]; eligible: boolean; capability: RemoteCapability }>> {
    const linked = await this.links.linkedActivitiesOf([...new Set(employeeIds)]);
    return new Map(
      employeeIds.map((id) => {
        const own = linked.get(id) ?? [];
        return [id, { activities: own.map(toActivityDto), eligible: decideEligibility(own).eligible, capability: remoteCapability(own) }];
      }),
    );
  }

  /** For the gate deciding many employees at once: which of them are eligible, in one read. */
  async eligibleAmong(employeeIds: string[], tx?: Tx): Promise<Set<string>> {
    const linked = await this.links.linkedActivitiesOf([...new Set(employeeIds)], tx);
    return new Set([...linked.entries()].filter(([, activities]) => decideEligibility(activities).eligible).map(([id]) => id));
  }

  /** For the gate: read inside the caller's transaction when given one. */
  async isEligible(employeeId: string, tx?: Tx): Promise<boolean> {
    return decideEligibility(await this.links.linkedActivities(employeeId, tx)).eligible;
  }
}
