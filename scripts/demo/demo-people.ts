import { ActivityImportService } from '../../src/activities/activity-import.service';
import { EligibilityService } from '../../src/activities/eligibility.service';
import { SYSTEM_ACTOR } from '../../src/common/auth/roles';
import { EmployeeImportService } from '../../src/directory/employee-import.service';
import { employeeCsv, Population } from './population';
import { SeedTables } from './seed-tables';
import { ADMIN, DemoState, HR } from './demo-state';

/** Demo step: the activity map, the employees (with their managers) and their activities. */
export class DemoPeople extends DemoState {
  async foreignEmployees(): Promise<number> {
    return this.scalar(`SELECT COUNT(*) AS n FROM employees WHERE employee_number NOT LIKE 'DEMO-%'`);
  }

  async importActivityMap(tables: SeedTables): Promise<void> {
    const activities = this.app.get(ActivityImportService);
    const dry = await activities.import(SYSTEM_ACTOR, tables.activityMapTsv, true);
    if (dry.created === 0 && dry.updated === 0) return;
    this.at('2020-01-07');
    const report = await activities.import(HR, tables.activityMapTsv, false);
    this.count('activities', report.created + report.updated);
    this.log(`  activity map: ${report.rows} rows, ${report.created} created, ${report.servicesCreated.length} services created`);
  }

  async importEmployees(population: Population): Promise<void> {
    const imports = this.app.get(EmployeeImportService);
    const csv = employeeCsv(population.people);
    // The file flags the dirigenti and the Direttore Generale: signing authority is the admin's to grant.
    const dry = await imports.import(ADMIN, csv, true);
    if (!dry.valid) throw new Error(`the demo employee file is refused: ${JSON.stringify(dry.errors.slice(0, 3))}`);
    if (dry.created > 0 || dry.updated > 0) {
      this.at('2020-01-07');
      const report = await imports.import(ADMIN, csv, false);
      this.count('employees', report.created + report.updated);
      this.log(`  employees: ${report.created} created, ${report.updated} updated`);
    }
    const rows = await this.query<{ id: string; employee_number: string; service_id: string; is_manager: unknown; is_director_general: unknown }>(
      `SELECT id, employee_number, service_id, is_manager, is_director_general FROM employees WHERE employee_number LIKE 'DEMO-%'`,
    );
    for (const r of rows) {
      const index = Number(r.employee_number.slice(5));
      this.employeeId.set(index, r.id);
      this.personOf.set(r.id, index);
      const dg = r.is_director_general === true || Number(r.is_director_general) === 1;
      if (dg) this.directorGeneralId = r.id;
      else if (r.is_manager === true || Number(r.is_manager) === 1) this.managerOf.set(r.service_id, r.id);
    }
  }

  async linkActivities(population: Population): Promise<void> {
    const activities = await this.query<{ id: string; service_code: string; mode: string }>(
      `SELECT id, service_code, mode FROM activities ORDER BY service_code, natural_key`,
    );
    const byService = new Map<string, { remote: string[]; presence: string[]; outsourced: string[] }>();
    for (const a of activities) {
      const s = byService.get(a.service_code) ?? { remote: [], presence: [], outsourced: [] };
      if (a.mode === 'fully_remote' || a.mode === 'partially_remote') s.remote.push(a.id);
      else if (a.mode === 'in_presence') s.presence.push(a.id);
      else s.outsourced.push(a.id);
      byService.set(a.service_code, s);
    }
    const linked = new Set((await this.query<{ employee_id: string }>(`SELECT DISTINCT employee_id FROM employee_activities`)).map((r) => r.employee_id));
    const eligibility = this.app.get(EligibilityService);
    let done = 0;
    this.at('2020-01-08');
    for (const p of population.people) {
      const id = this.employeeId.get(p.index)!;
      if (linked.has(id)) continue;
      const s = byService.get(p.serviceCode)!;
      const others = s.presence.length ? s.presence : s.outsourced;
      const ids = [...p.remoteActivities.map((i) => s.remote[i]), ...p.otherActivities.map((i) => others[i])].filter(Boolean);
      if (!ids.length) continue;
      await eligibility.replaceLinks(HR, id, ids);
      done++;
    }
    if (done) {
      this.count('activity links', done);
      this.log(`  activity links: ${done} employees linked`);
    }
  }
}
