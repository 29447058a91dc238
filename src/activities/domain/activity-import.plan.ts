import { ActivityMode } from './activity-mode';
import { MapRow } from './activity-map.parser';

export interface ExistingActivity {
  id: string;
  naturalKey: string;
  macroActivity: string;
  name: string;
  mode: ActivityMode;
  notes: string | null;
}

export interface ActivityImportPlan {
  servicesToCreate: { code: string; name: string }[];
  /** Services that exist under another name: kept as they are (an activity map never renames a service). */
  serviceNameDifferences: { code: string; nameInFile: string; nameInDirectory: string }[];
  creates: MapRow[];
  updates: { id: string; row: MapRow; changed: string[] }[];
  unchanged: number;
}

/** Decides what an import changes; applying the plan twice finds everything unchanged the second time. */
export function planActivityImport(rows: MapRow[], existingServices: Map<string, string>, existing: ExistingActivity[]): ActivityImportPlan {
  const byKey = new Map(existing.map((e) => [e.naturalKey, e]));
  const services = new Map<string, string>();
  for (const row of rows) if (!services.has(row.serviceCode)) services.set(row.serviceCode, row.serviceName);

  const plan: ActivityImportPlan = { servicesToCreate: [], serviceNameDifferences: [], creates: [], updates: [], unchanged: 0 };
  for (const [code, name] of services) {
    const current = existingServices.get(code);
    if (current === undefined) plan.servicesToCreate.push({ code, name });
    else if (current !== name) plan.serviceNameDifferences.push({ code, nameInFile: name, nameInDirectory: current });
  }
  for (const row of rows) {
    const found = byKey.get(row.naturalKey);
    if (!found) {
      plan.creates.push(row);
      continue;
    }
    const changed: string[] = [];
    if (found.mode !== row.mode) changed.push('mode');
    if ((found.notes ?? null) !== row.notes) changed.push('notes');
    if (found.name !== row.name) changed.push('activity');
    if (found.macroActivity !== row.macroActivity) changed.push('macro_activity');
    if (changed.length > 0) plan.updates.push({ id: found.id, row, changed });
    else plan.unchanged += 1;
  }
  return plan;
}
