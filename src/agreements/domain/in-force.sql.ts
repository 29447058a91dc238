import { UNSIGNED_STATES } from './agreement-state';

/**
 * The SQL twins of the rules in in-force.ts, for queries that must count agreements without loading them (the
 * list filter, the indicators). Each builder takes the agreements table's alias and the names of the parameters it
 * compares with (`:name`, bound by the caller); dates and instants are ISO strings on SQLite and PostgreSQL alike,
 * so no dialect branches. test/integration/agreements/in-force-sql.spec.ts holds each builder to its TypeScript
 * rule on the same cases.
 */

const quoted = (states: readonly string[]) => states.map((s) => `'${s}'`).join(', ');

/** `isFullySigned`. */
export function agreementFullySignedSql(alias: string): string {
  return `${alias}.employee_signed_at IS NOT NULL AND ${alias}.manager_signed_at IS NOT NULL AND ${alias}.document_sha256 IS NOT NULL`;
}

/** `coversDate`: the date inside the period (a withdrawal ends it the day before it takes effect). */
export function agreementCoversDateSql(alias: string, date: string): string {
  return (
    `${alias}.start_date <= :${date} AND (${alias}.end_date IS NULL OR ${alias}.end_date >= :${date})` +
    ` AND (${alias}.withdrawal_effective_date IS NULL OR ${alias}.withdrawal_effective_date > :${date})`
  );
}

/** `isInForce(a, :date)`: signed or active, signed by both, the date inside its period. */
export function agreementInForceSql(alias: string, date: string): string {
  return `${alias}.state IN ('signed', 'active') AND ${agreementFullySignedSql(alias)} AND ${agreementCoversDateSql(alias, date)}`;
}

/** `wasInForce(a, :date, :cutoff)`: in force on a past day as things stood at the cutoff instant. */
export function agreementWasInForceSql(alias: string, date: string, cutoff: string): string {
  return [
    `${alias}.state NOT IN (${quoted(UNSIGNED_STATES)})`,
    agreementFullySignedSql(alias),
    `${alias}.employee_signed_at < :${cutoff} AND ${alias}.manager_signed_at < :${cutoff}`,
    agreementCoversDateSql(alias, date),
    `(${alias}.ended_on IS NULL OR ${alias}.ended_on > :${date})`,
    `NOT (${alias}.state = 'suspended' AND ${alias}.suspended_at IS NOT NULL AND ${alias}.suspended_at < :${cutoff})`,
  ].join(' AND ');
}

/** The employees with an agreement that was in force on :date as things stood at :cutoff (column `employee_id`). */
export function employeesWithAgreementInForceSql(date: string, cutoff: string): string {
  return `SELECT DISTINCT ag.employee_id AS employee_id FROM agreements ag WHERE ${agreementWasInForceSql('ag', date, cutoff)}`;
}

/** Every agreement's employee (columns `agreement_id`, `employee_id`): who a change to an agreement concerns. */
export function agreementEmployeesSql(): string {
  return `SELECT ag.id AS agreement_id, ag.employee_id AS employee_id FROM agreements ag`;
}
