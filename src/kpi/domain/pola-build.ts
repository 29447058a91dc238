import { centsToEuros } from '../../common/money';
import { percent } from './indicator-status';
import { polaCatalogEntry } from './pola-catalog';
import { polaStatus } from './pola-status';
import {
  DeclaredValue,
  POLA_GROUPS,
  POLA_INDICATOR_META,
  PolaGroupReport,
  PolaIndicator,
  PolaIndicatorId,
  PolaIndicatorMeta,
  PolaValue,
  TypedTarget,
} from './pola-types';

/** What the service measured for one indicator (computed or imported). */
export interface PolaMeasured {
  value: PolaValue | null;
  numerator: number | null;
  denominator: number | null;
  /** Italian: what the figure leaves out, or why there is none. */
  note: string | null;
}

/** The raw counts and sums behind the computed and imported indicators (what the ports and queries return). */
export interface PolaRaw {
  laptops: number;
  equipped: { numerator: number | null; denominator: number | null };
  /** agreements in force / potential remote workers */
  effective: { numerator: number | null; denominator: number | null };
  managers: { trained: number; total: number };
  remoteWorkers: { trainedRemoteWork: number; trainedDigital: number; total: number };
  trainingCostCents: number;
  investment: { hardwareCents: number; digitalisationCents: number };
  /** null: the service has no VPN data */
  vpn: { enabled: number; total: number } | null;
  /** null: nothing imported from HR for the year */
  attendance: { months: number; workingDays: number; remoteDays: number; absenceDays: number } | null;
}

export interface PolaBuildInput {
  year: number;
  /** YYYY-MM-DD */
  referenceDate: string;
  targets: (id: PolaIndicatorId) => { baselineYear: number | null; baseline: TypedTarget | null; target: TypedTarget | null };
  raw: PolaRaw;
  declared: DeclaredValue[];
}

const number = (value: number | null): PolaValue | null => (value === null ? null : { kind: 'number', value });
const measured = (value: number | null, numerator: number | null, denominator: number | null, note: string | null = null): PolaMeasured => ({
  value: number(value),
  numerator,
  denominator,
  note,
});
const share = (n: number | null, d: number | null, empty: string): PolaMeasured =>
  n === null || d === null || d <= 0 ? measured(null, n, d, empty) : measured(percent(n, d), n, d);
const euros = (cents: number) => measured(centsToEuros(cents), centsToEuros(cents), null);

/** Turns the raw figures into the computed and imported indicators' values (the declared ones come from the RTD). */
export function measurePola(raw: PolaRaw): Partial<Record<PolaIndicatorId, PolaMeasured>> {
  const noWorkers = 'Nessun lavoratore agile alla data di riferimento';
  const a = raw.attendance;
  const hr = (days: number | undefined): PolaMeasured => {
    if (!a) return measured(null, null, null, "Nessun totale mensile importato dall'ufficio personale per l'anno");
    const m = share(days ?? 0, a.workingDays, 'Nessuna giornata lavorativa nei totali importati');
    return a.months < 12 && m.value ? { ...m, note: `Totali importati per ${a.months} mesi su 12` } : m;
  };
  return {
    managers_trained_remote_leadership_pct: share(raw.managers.trained, raw.managers.total, 'Nessun dirigente/PO in servizio alla data di riferimento'),
    remote_workers_trained_remote_work_pct: share(raw.remoteWorkers.trainedRemoteWork, raw.remoteWorkers.total, noWorkers),
    remote_workers_trained_digital_pct: share(raw.remoteWorkers.trainedDigital, raw.remoteWorkers.total, noWorkers),
    remote_work_training_cost_eur: euros(raw.trainingCostCents),
    hardware_and_digital_infrastructure_investment_eur: euros(raw.investment.hardwareCents),
    digitalisation_investment_eur: euros(raw.investment.digitalisationCents),
    laptops_for_remote_work: measured(raw.laptops, raw.laptops, null),
    remote_workers_equipped_with_devices_and_data_pct: share(raw.equipped.numerator, raw.equipped.denominator, noWorkers),
    vpn_present: raw.vpn
      ? { value: { kind: 'presence', present: raw.vpn.enabled > 0 }, numerator: raw.vpn.enabled, denominator: raw.vpn.total, note: null }
      : measured(null, null, null, 'Nessun dato sui gateway VPN'),
    effective_remote_workers_pct: share(raw.effective.numerator, raw.effective.denominator, 'Nessun lavoratore potenziale alla data di riferimento'),
    remote_work_days_pct: hr(a?.remoteDays),
    absence_days_pct: hr(a?.absenceDays),
  };
}

/** The 22 indicators in the document's order, each with its typed baseline and target, value and status; and the groups. */
export function buildPola(input: PolaBuildInput): { groups: PolaGroupReport[]; indicators: PolaIndicator[] } {
  const values = measurePola(input.raw);
  const indicators = POLA_INDICATOR_META.map((meta) => indicator(meta, input, values[meta.id]));
  const groups = POLA_GROUPS.map((g) => ({
    id: g.id,
    dimension: g.dimension,
    factor: g.factor,
    label: g.label,
    indicators: POLA_INDICATOR_META.filter((m) => m.group === g.id).map((m) => m.id),
  }));
  return { groups, indicators };
}

function indicator(meta: PolaIndicatorMeta, input: PolaBuildInput, m: PolaMeasured | undefined): PolaIndicator {
  const entry = polaCatalogEntry(meta.id);
  const { baselineYear, baseline, target } = input.targets(meta.id);
  let value: PolaValue | null = m?.value ?? null;
  let note = m?.note ?? null;
  let declared: PolaIndicator['declared'] = null;
  if (meta.source === 'declared') {
    const d = input.declared.find((x) => x.indicator === meta.id && x.year === input.year);
    value = d?.value ?? null;
    declared = d ? { note: d.note, declaredAt: d.declaredAt, declaredBy: d.declaredBy } : null;
    note = d ? null : "Nessun valore dichiarato dal RTD per l'anno";
  }
  const { status, expected } = polaStatus({ meta, baselineYear, baseline, target, value, year: input.year, referenceDate: input.referenceDate });
  return {
    id: meta.id,
    group: meta.group,
    name: entry.name,
    method: entry.method,
    unit: meta.unit,
    source: meta.source,
    sourceDescription: entry.sourceDescription,
    baselineYear,
    baseline,
    target,
    value,
    expected,
    status,
    numerator: meta.source === 'declared' ? null : (m?.numerator ?? null),
    denominator: meta.source === 'declared' ? null : (m?.denominator ?? null),
    numeratorDefinition: entry.numeratorDefinition,
    denominatorDefinition: entry.denominatorDefinition,
    declared,
    note,
  };
}

/**
 * "Nell'ultimo anno": the 12 months ending on the reference date, both ends included (31/12/2022 → from 01/01/2022;
 * 15/06/2023 → from 16/06/2022). A 29 February goes back to 1 March of the year before.
 */
export function lastTwelveMonths(referenceDate: string): { from: string; to: string } {
  const [y, m, d] = referenceDate.split('-').map(Number);
  const start = new Date(Date.UTC(y - 1, m - 1, d + 1));
  if (m === 2 && d === 29) start.setUTCDate(1);
  return { from: start.toISOString().slice(0, 10), to: referenceDate };
}
