import { REMOTE_CAPABLE_MODES } from './activity-mode';

/**
 * SQL twin of `isRemoteCapable` for the indicators (kpi): the links of employees to an activity whose mode is
 * remote-capable (column `employee_id`, one row per link). Held to the TypeScript rule by
 * test/integration/activities/remote-capable-sql.spec.ts.
 */
export function remoteCapableLinksSql(): string {
  const modes = REMOTE_CAPABLE_MODES.map((m) => `'${m}'`).join(', ');
  return `SELECT ea.employee_id AS employee_id
            FROM employee_activities ea
            JOIN activities act ON act.id = ea.activity_id
           WHERE act.mode IN (${modes})`;
}
