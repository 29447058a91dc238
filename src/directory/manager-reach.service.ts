import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Forbidden } from '../common/errors/domain-error';
import { employeeIdOfActor, inReach, ManagerReach, reachOf, ReachNarrowing } from './domain/service-manager.policy';
import { EmployeeDirectory } from './employee-directory';
import { EmployeeRepository } from './employee.repository';

/**
 * The per-person routes' second rule, after the role's (domain/service-manager.policy.ts `reachOf`): a login of role
 * manager reads and acts only for the people it reaches. Every other role is left to its route's role rule.
 */
@Injectable()
export class ManagerReaches {
  constructor(
    private readonly employees: EmployeeDirectory,
    private readonly records: EmployeeRepository,
    private readonly audit: AuditService,
  ) {}

  /** The reach of a manager's login; null for any other role. */
  async of(actor: Actor): Promise<ManagerReach | null> {
    if (actor.role !== 'manager') return null;
    const own = employeeIdOfActor(actor.id);
    return reachOf(own ? await this.employees.findById(own) : null);
  }

  /**
   * 403 NOT_MANAGER_OF_EMPLOYEE when a manager's login asks for someone beyond its reach, before anything is read or
   * changed; the refusal's audit entry is its only trace. An id the directory does not have passes: the route answers
   * its own 404, as it does for every other role. `employee` may be a look-up (an agreement's employee), made only
   * for a manager's login.
   */
  async assertReaches(actor: Actor, employee: string | (() => Promise<string>)): Promise<void> {
    const reach = await this.of(actor);
    if (!reach) return;
    const employeeId = typeof employee === 'string' ? employee : await employee();
    const person = await this.employees.findById(employeeId);
    if (person && !inReach(reach, person)) {
      await this.audit.recordAlone(actor, {
        action: 'employee.reach_refused',
        entityType: 'employee',
        entityId: employeeId,
        summary: { code: 'NOT_MANAGER_OF_EMPLOYEE' },
      });
      throw new Forbidden(
        'NOT_MANAGER_OF_EMPLOYEE',
        "Only the manager of the employee's service, with their own login, may read or act on this employee's records",
        {
          employeeId,
        },
      );
    }
  }

  /** For the lists other features keep per employee (agreements): null when not narrowed (another role). */
  async narrowing(actor: Actor): Promise<ReachNarrowing | null> {
    const reach = await this.of(actor);
    if (!reach) return null;
    if (reach.kind === 'everyone-else') return { except: reach.selfId };
    return { only: await this.records.idsInReach(reach) };
  }
}
