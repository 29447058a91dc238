import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { employeesWithAgreementInForceSql } from '../agreements';
import { managersActiveAtSql } from '../directory';
import { ReferencePoint } from './domain/reference-date';

/**
 * The id sets the Part 4 training indicators intersect with the training port's participants: remote workers (an
 * agreement in force on the reference date, agreements' own fragment) and managers (dirigenti/PO active then, the
 * directory's fragment). Ids only: the report never names anyone. No table of another feature is named here.
 */
@Injectable()
export class PolaRepository {
  constructor(private readonly dataSource: DataSource) {}

  private async ids(sql: string, ref: ReferencePoint): Promise<string[]> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, { ref: ref.date, cutoff: ref.cutoff, yes: true }, {});
    const rows: { employee_id: unknown }[] = await this.dataSource.query(query, values);
    return rows.map((r) => String(r.employee_id));
  }

  /** Employees with an agreement in force on the reference date. */
  remoteWorkerIds(ref: ReferencePoint): Promise<string[]> {
    return this.ids(`SELECT w.employee_id AS employee_id FROM (${employeesWithAgreementInForceSql('ref', 'cutoff')}) w`, ref);
  }

  /** Dirigenti/PO (is_manager) active on the reference date. */
  managerIds(ref: ReferencePoint): Promise<string[]> {
    return this.ids(`SELECT m.employee_id AS employee_id FROM (${managersActiveAtSql('cutoff', 'yes')}) m`, ref);
  }
}
