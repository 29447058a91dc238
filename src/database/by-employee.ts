/** Bound parameters per `IN (…)` list: well under SQLite's 32,766 and PostgreSQL's 65,535. */
const IDS_PER_QUERY = 500;

/**
 * Rows of many employees read with one query per 500 ids and grouped by employee, each group in the order `read`
 * returns its rows (employees without any are absent). The repositories' "for these employees" reads.
 */
export async function groupedByEmployee<T extends { employeeId: string }>(
  employeeIds: string[],
  read: (ids: string[]) => Promise<T[]>,
): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>();
  for (let i = 0; i < employeeIds.length; i += IDS_PER_QUERY) {
    for (const row of await read(employeeIds.slice(i, i + IDS_PER_QUERY))) {
      const group = out.get(row.employeeId);
      if (group) group.push(row);
      else out.set(row.employeeId, [row]);
    }
  }
  return out;
}
