/**
 * SQL twins of employee-standing.ts, and the directory's other reads the indicators (kpi) compose: each builder
 * returns a SELECT over the directory's own tables with the columns named in its comment. `active` is a boolean
 * column (0/1 on SQLite), so it is compared with bound parameters, never a literal: the caller binds `:yes` = true
 * and `:no` = false under the names it passes.
 */

/** `wasActive` (columns `employee_id`, `service_id`). */
export function employeesActiveAtSql(cutoff: string, yes: string): string {
  return `SELECT e.id AS employee_id, e.service_id AS service_id
            FROM employees e
           WHERE (e.active = :${yes} OR (e.deactivated_at IS NOT NULL AND e.deactivated_at >= :${cutoff}))`;
}

/** `wasActive` restricted to managers (dirigenti/PO: `is_manager`), for the POLA training indicator (column `employee_id`). */
export function managersActiveAtSql(cutoff: string, yes: string): string {
  return `SELECT e.id AS employee_id
            FROM employees e
           WHERE e.is_manager = :${yes} AND (e.active = :${yes} OR (e.deactivated_at IS NOT NULL AND e.deactivated_at >= :${cutoff}))`;
}

/** `hadLeft` (column `employee_id`). */
export function leaversAtSql(cutoff: string, no: string): string {
  return `SELECT e.id AS employee_id FROM employees e WHERE e.active = :${no} AND e.deactivated_at IS NOT NULL AND e.deactivated_at < :${cutoff}`;
}

/** Every employee's service (columns `employee_id`, `service_id`). */
export function employeeServicesSql(): string {
  return `SELECT e.id AS employee_id, e.service_id AS service_id FROM employees e`;
}

/** The services (columns `id`, `code`, `name`). */
export function servicesSql(): string {
  return `SELECT s.id AS id, s.code AS code, s.name AS name FROM services s`;
}
