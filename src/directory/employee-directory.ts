import { Injectable } from '@nestjs/common';
import { Tx } from '../database/unit-of-work';
import { EmployeeRepository } from './employee.repository';
import { EmployeeView, toEmployeeView } from './employee.mapper';

/**
 * The read port other features use to look employees up (agreements, inventory, VPN). Pass `tx` to read
 * inside your own transaction.
 */
@Injectable()
export class EmployeeDirectory {
  constructor(private readonly employees: EmployeeRepository) {}

  async findById(id: string, tx?: Tx): Promise<EmployeeView | null> {
    const r = await this.employees.findById(id, tx);
    return r ? toEmployeeView(r) : null;
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
}
