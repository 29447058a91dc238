import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePolaTargets, PolaTargetRow, PolaTargetsFormatError, PolaTargetsSpec } from './pola-targets.parser';

export const POLA_TARGETS_FILE = 'pola-targets.tsv';

/**
 * Reads `<configDir>/pola-targets.tsv` once (at start: the KPI feature's PolaTargets calls this in its constructor,
 * so a malformed or missing file stops the service naming the line and column). The operational indicators'
 * numeric targets stay in kpi-targets.tsv (KpiTargets).
 */
export function loadPolaTargets<T>(configDir: string, spec: PolaTargetsSpec<T>): { file: string; rows: PolaTargetRow<T>[] } {
  const file = path.join(configDir, POLA_TARGETS_FILE);
  if (!fs.existsSync(file)) throw new PolaTargetsFormatError(file, 0, null, 'file not found: the POLA report needs the baselines and targets of Part 4');
  return { file, rows: parsePolaTargets(fs.readFileSync(file, 'utf8'), spec, file) };
}
