import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/roles';
import { NotFound } from '../common/errors/domain-error';
import { EmployeeDirectory, employeeIdOfActor, EmployeeView, managedServiceId, manages } from '../directory';

export interface ManagerScope {
  manager: EmployeeView;
  /** The people the manager manages (directory's rule: domain/service-manager.policy.ts), by name. */
  people: EmployeeView[];
}

/**
 * Who "the manager" is and whose data they see: only ever from the session's subject (`employee:<id>`, their own
 * directory login), never from the URL. A login that is no active dirigente's sees nothing: 404
 * MANAGED_SERVICE_NOT_FOUND.
 */
@Injectable()
export class ManagerScopeResolver {
  constructor(private readonly employees: EmployeeDirectory) {}

  async resolve(actor: Actor): Promise<ManagerScope> {
    const id = employeeIdOfActor(actor.id);
    const manager = id ? await this.employees.findById(id) : null;
    const serviceId = manager ? managedServiceId(manager) : null;
    if (!manager || !serviceId) {
      throw new NotFound('MANAGED_SERVICE_NOT_FOUND', "This login manages no service: a manager's view needs the directory login of an active manager");
    }
    const people = (await this.employees.activeOfService(serviceId)).filter((e) => manages(manager, e));
    return { manager, people };
  }
}
