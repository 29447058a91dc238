import { ACTIVITY_MODES, ActivityMode, isRemoteCapable } from './activity-mode';

export type ModeCounts = Record<ActivityMode, number>;

export interface SummaryCounts {
  macroActivities: number;
  activities: number;
  /** fully_remote + partially_remote. */
  remoteCapable: number;
  byMode: ModeCounts;
}

export interface ServiceSummary extends SummaryCounts {
  serviceCode: string;
  serviceName: string | null;
}

/**
 * What the seed document (POLA Comune di Prato 2021-2023, §2.1) states about its own Allegato 1. The corrected
 * extraction matches it (676 / 544; an earlier one dropped a row): SPEC §2 asks to report any difference, not to hide it.
 */
export const SEED_DOCUMENT_FIGURES = {
  source: 'POLA Comune di Prato 2021-2023, §2.1 (Allegato 1)',
  macroActivities: 151,
  activities: 676,
  remoteCapable: 544,
} as const;

export interface ActivitySummary {
  totals: SummaryCounts;
  services: ServiceSummary[];
  documentFigures: typeof SEED_DOCUMENT_FIGURES;
  notes: string[];
}

const emptyModes = (): ModeCounts => Object.fromEntries(ACTIVITY_MODES.map((m) => [m, 0])) as ModeCounts;

export function buildActivitySummary(
  modeRows: { serviceCode: string; mode: ActivityMode; activities: number }[],
  macroRows: { serviceCode: string; macroActivities: number }[],
  serviceNames: Map<string, string>,
): ActivitySummary {
  const byService = new Map<string, ServiceSummary>();
  const service = (code: string) => {
    let s = byService.get(code);
    if (!s) {
      s = { serviceCode: code, serviceName: serviceNames.get(code) ?? null, macroActivities: 0, activities: 0, remoteCapable: 0, byMode: emptyModes() };
      byService.set(code, s);
    }
    return s;
  };
  for (const row of modeRows) {
    const s = service(row.serviceCode);
    s.byMode[row.mode] += row.activities;
    s.activities += row.activities;
    if (isRemoteCapable(row.mode)) s.remoteCapable += row.activities;
  }
  for (const row of macroRows) service(row.serviceCode).macroActivities = row.macroActivities;

  const services = [...byService.values()].sort((a, b) => a.serviceCode.localeCompare(b.serviceCode));
  const totals: SummaryCounts = { macroActivities: 0, activities: 0, remoteCapable: 0, byMode: emptyModes() };
  for (const s of services) {
    // Macro-activities are distinct per service (the same title in two services is two macro-activities).
    totals.macroActivities += s.macroActivities;
    totals.activities += s.activities;
    totals.remoteCapable += s.remoteCapable;
    for (const m of ACTIVITY_MODES) totals.byMode[m] += s.byMode[m];
  }
  return { totals, services, documentFigures: SEED_DOCUMENT_FIGURES, notes: differences(totals) };
}

function differences(totals: SummaryCounts): string[] {
  const notes: string[] = [];
  const pairs: [string, keyof typeof SEED_DOCUMENT_FIGURES & keyof SummaryCounts][] = [
    ['macro-activities', 'macroActivities'],
    ['activities', 'activities'],
    ['remote-capable activities', 'remoteCapable'],
  ];
  for (const [label, key] of pairs) {
    const stated = SEED_DOCUMENT_FIGURES[key];
    const found = totals[key];
    if (stated !== found) {
      const diff = found - stated;
      notes.push(`The seed document states ${stated} ${label}; the imported activity map has ${found} (${diff > 0 ? '+' : ''}${diff}).`);
    }
  }
  return notes;
}

export interface TransversalCounts {
  /** transversal activities present (filled cells of the table) */
  activities: number;
  remoteCapable: number;
  /** services with at least one */
  services: number;
  byMode: ModeCounts;
}

/** The 11 transversal activities by service, counted apart from the map (whose totals the document states: 676 / 544). */
export function summariseTransversal(modeRows: { serviceCode: string; mode: ActivityMode; activities: number }[]): TransversalCounts {
  const out: TransversalCounts = { activities: 0, remoteCapable: 0, services: new Set(modeRows.map((r) => r.serviceCode)).size, byMode: emptyModes() };
  for (const r of modeRows) {
    out.activities += r.activities;
    out.byMode[r.mode] += r.activities;
    if (isRemoteCapable(r.mode)) out.remoteCapable += r.activities;
  }
  return out;
}
