/**
 * The shape of the POLA report (seed Part 4): the 22 indicators as the document lists and groups them, their typed
 * baselines and targets, and what a value is. Shared by the catalog, the report builder, the declared values, the
 * documents (PDF, XLSX, CSV) and the dashboard; plain TypeScript, no Nest, no TypeORM.
 */

/** The groups of Part 4, in the document's order (dimension, then factor of the enabling conditions). */
export const POLA_GROUPS = [
  { id: 'organisational_health', dimension: 'Condizioni abilitanti del lavoro agile', factor: 'Salute organizzativa', label: 'Salute organizzativa' },
  { id: 'professional_health', dimension: 'Condizioni abilitanti del lavoro agile', factor: 'Salute professionale', label: 'Salute professionale' },
  {
    id: 'economic_financial_health',
    dimension: 'Condizioni abilitanti del lavoro agile',
    factor: 'Salute economico-finanziaria',
    label: 'Salute economico-finanziaria',
  },
  { id: 'digital_health', dimension: 'Condizioni abilitanti del lavoro agile', factor: 'Salute digitale', label: 'Salute digitale' },
  { id: 'implementation', dimension: 'Attuazione lavoro agile', factor: null, label: 'Attuazione del lavoro agile' },
  { id: 'organisational_performance', dimension: 'Performance organizzativa', factor: null, label: 'Performance organizzativa' },
] as const;
export type PolaGroupId = (typeof POLA_GROUPS)[number]['id'];

/** How the service knows a value: computed from its own records, declared by the RTD, imported as HR aggregates. */
export type PolaSource = 'computed' | 'declared' | 'imported';
export type PolaUnit = 'count' | 'percent' | 'eur' | 'presence';

export interface PolaIndicatorMeta {
  id: PolaIndicatorId;
  group: PolaGroupId;
  unit: PolaUnit;
  source: PolaSource;
  direction: 'increase' | 'decrease';
  /** `annual`: sums over the calendar year (costs, investments); `level`: a state on the reference date. */
  accrual: 'level' | 'annual';
}

export const POLA_INDICATOR_IDS = [
  'coordination_present',
  'monitoring_present',
  'it_help_desk_present',
  'management_by_objectives_present',
  'managers_trained_remote_leadership_pct',
  'remote_workers_trained_remote_work_pct',
  'remote_workers_trained_digital_pct',
  'remote_work_training_cost_eur',
  'hardware_and_digital_infrastructure_investment_eur',
  'digitalisation_investment_eur',
  'laptops_for_remote_work',
  'remote_workers_equipped_with_devices_and_data_pct',
  'vpn_present',
  'intranet_present',
  'collaboration_tools_present',
  'apps_reachable_remotely_pct',
  'databases_reachable_remotely_pct',
  'digitalised_processes_pct',
  'effective_remote_workers_pct',
  'remote_work_days_pct',
  'managers_satisfied_pct',
  'absence_days_pct',
] as const;
export type PolaIndicatorId = (typeof POLA_INDICATOR_IDS)[number];

const m = (
  id: PolaIndicatorId,
  group: PolaGroupId,
  unit: PolaUnit,
  source: PolaSource,
  accrual: 'level' | 'annual' = 'level',
  direction: 'increase' | 'decrease' = 'increase',
): PolaIndicatorMeta => ({ id, group, unit, source, accrual, direction });

/** Who provides each value. The declared ones are entered by the RTD with an evidence note (kpi declared values). */
export const POLA_INDICATOR_META: readonly PolaIndicatorMeta[] = [
  m('coordination_present', 'organisational_health', 'presence', 'declared'),
  m('monitoring_present', 'organisational_health', 'presence', 'declared'),
  m('it_help_desk_present', 'organisational_health', 'presence', 'declared'),
  m('management_by_objectives_present', 'organisational_health', 'presence', 'declared'),
  m('managers_trained_remote_leadership_pct', 'professional_health', 'percent', 'computed'),
  m('remote_workers_trained_remote_work_pct', 'professional_health', 'percent', 'computed'),
  m('remote_workers_trained_digital_pct', 'professional_health', 'percent', 'computed'),
  m('remote_work_training_cost_eur', 'economic_financial_health', 'eur', 'computed', 'annual'),
  m('hardware_and_digital_infrastructure_investment_eur', 'economic_financial_health', 'eur', 'computed', 'annual'),
  m('digitalisation_investment_eur', 'economic_financial_health', 'eur', 'computed', 'annual'),
  m('laptops_for_remote_work', 'digital_health', 'count', 'computed'),
  m('remote_workers_equipped_with_devices_and_data_pct', 'digital_health', 'percent', 'computed'),
  m('vpn_present', 'digital_health', 'presence', 'computed'),
  m('intranet_present', 'digital_health', 'presence', 'declared'),
  m('collaboration_tools_present', 'digital_health', 'presence', 'declared'),
  m('apps_reachable_remotely_pct', 'digital_health', 'percent', 'declared'),
  m('databases_reachable_remotely_pct', 'digital_health', 'percent', 'declared'),
  m('digitalised_processes_pct', 'digital_health', 'percent', 'declared'),
  m('effective_remote_workers_pct', 'implementation', 'percent', 'computed'),
  m('remote_work_days_pct', 'implementation', 'percent', 'imported'),
  m('managers_satisfied_pct', 'implementation', 'percent', 'declared'),
  m('absence_days_pct', 'organisational_performance', 'percent', 'imported', 'level', 'decrease'),
];

export const DECLARABLE_INDICATORS: readonly PolaIndicatorId[] = POLA_INDICATOR_META.filter((i) => i.source === 'declared').map((i) => i.id);

export function polaMeta(id: PolaIndicatorId): PolaIndicatorMeta {
  const found = POLA_INDICATOR_META.find((i) => i.id === id);
  if (!found) throw new Error(`unknown POLA indicator ${id}`);
  return found;
}

/**
 * A baseline or target as the document writes it, typed. `text` keeps the document's own words (`30.000 €`,
 * `<18%`, `presente`), shown verbatim in the report.
 * - number: `236`, `2.500`, `30.000 €`, `94%`, `18,77%` (Italian thousands and decimal separators);
 * - bound: `<18%` (the value must stay below / above);
 * - presence: `si`, `presente` (true) or `no` (false);
 * - not_defined: `n.d` (the plan sets no figure for the year);
 * - action: `Attivare rilevazione` (the plan asks for something to be done, e.g. start a survey);
 * - not_measured: `non rilevata` (a baseline that was never measured).
 * An empty cell is `null`: no target for that year.
 */
export type TypedTarget =
  | { kind: 'number'; value: number; text: string }
  | { kind: 'bound'; op: '<' | '<=' | '>' | '>='; value: number; text: string }
  | { kind: 'presence'; present: boolean; text: string }
  | { kind: 'not_defined'; text: string }
  | { kind: 'action'; action: string; text: string }
  | { kind: 'not_measured'; text: string };

/** A value of the report: a number (count, percent 0-100, euros) or a presence. */
export type PolaValue = { kind: 'number'; value: number } | { kind: 'presence'; present: boolean };

/**
 * - met / on_track / behind: against a number or a bound (on_track: not yet, but where a straight line says it
 *   should be on the reference date, as for the operational indicators);
 * - not_met: a presence or bound target that the value does not satisfy at year end;
 * - no_target: the year has no target, or the plan says `n.d`;
 * - action_required: the target is an action (`Attivare rilevazione`) and no value shows it was done;
 * - no_data: there is a target but no value (nothing declared, no HR totals imported, no records).
 */
export type PolaStatus = 'met' | 'on_track' | 'behind' | 'not_met' | 'no_target' | 'action_required' | 'no_data';

/** A value the RTD declared for a year (the evidence note is shown in the report). */
export interface DeclaredValue {
  indicator: PolaIndicatorId;
  year: number;
  value: PolaValue;
  note: string;
  /** ISO timestamp */
  declaredAt: string;
  /** The actor's display name (a token name or a directory login). */
  declaredBy: string;
}

export interface PolaIndicator {
  id: PolaIndicatorId;
  group: PolaGroupId;
  /** The document's own wording (Italian). */
  name: string;
  /** How the value is obtained, in Italian (the report's "metodo" column). */
  method: string;
  unit: PolaUnit;
  source: PolaSource;
  /** Italian, e.g. "Registro formazione del servizio", "Dichiarato dal RTD", "Totali mensili dell'ufficio personale". */
  sourceDescription: string;
  baselineYear: number | null;
  baseline: TypedTarget | null;
  target: TypedTarget | null;
  value: PolaValue | null;
  /** Where a straight line to a numeric target stands on the reference date (null otherwise). */
  expected: number | null;
  status: PolaStatus;
  numerator: number | null;
  denominator: number | null;
  /** Italian */
  numeratorDefinition: string | null;
  /** Italian */
  denominatorDefinition: string | null;
  declared: Omit<DeclaredValue, 'indicator' | 'year' | 'value'> | null;
  /** Italian: why there is no value, or what the figure leaves out. */
  note: string | null;
}

export interface PolaGroupReport {
  id: PolaGroupId;
  dimension: string;
  factor: string | null;
  label: string;
  indicators: PolaIndicatorId[];
}
