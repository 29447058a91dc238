import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/roles';
import { Forbidden } from '../common/errors/domain-error';
import { EmployeeDirectory, EmployeeView } from '../directory';
import { ownEmployeeId } from './domain/own-employee';

/** The employee the session acts for, or 403 NOT_AN_EMPLOYEE: the only way the self-service routes learn who "me" is. */
@Injectable()
export class OwnEmployeeResolver {
  constructor(private readonly employees: EmployeeDirectory) {}

  async resolve(actor: Actor): Promise<EmployeeView> {
    const id = ownEmployeeId(actor.id);
    // the session guard already refuses an employee no longer active; a record gone since is no employee either
    const employee = id ? await this.employees.findById(id) : null;
    if (!employee || !employee.active) throw notAnEmployee();
    return employee;
  }
}

export function notAnEmployee(): Forbidden {
  return new Forbidden('NOT_AN_EMPLOYEE', 'This session belongs to no employee record: log in with your own directory account');
}
