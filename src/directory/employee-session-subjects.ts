import { Injectable, OnModuleInit } from '@nestjs/common';
import { SessionSubjects } from '../auth';
import { EmployeeDirectory } from './employee-directory';

/**
 * Tells authentication whether an `employee:<id>` session (a directory login) may still be used: only while the
 * employee is active. Deactivation (by HR, by the directory sync, or an employee who left and is being
 * offboarded) sets `active` false, so the session stops at the next request. Registered here rather than
 * read by auth, so that auth never touches the directory's tables and the modules do not import each other.
 */
@Injectable()
export class EmployeeSessionSubjects implements OnModuleInit {
  constructor(
    private readonly subjects: SessionSubjects,
    private readonly employees: EmployeeDirectory,
  ) {}

  onModuleInit(): void {
    this.subjects.register('employee', async (id) => (await this.employees.findById(id))?.active === true);
  }
}
