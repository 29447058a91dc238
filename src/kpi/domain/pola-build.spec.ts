import * as path from 'node:path';
import { AppConfig } from '../../config/app-config';
import { PolaTargets } from '../pola-targets';
import { POLA_CATALOG } from './pola-catalog';
import { buildPola, lastTwelveMonths, PolaRaw } from './pola-build';
import { DeclaredValue, POLA_INDICATOR_IDS, PolaIndicatorId } from './pola-types';

/** The shipped config/pola-targets.tsv, read as the service reads it at start. */
const shipped = new PolaTargets({ configDir: path.resolve(__dirname, '..', '..', '..', 'config') } as AppConfig);

const raw = (over: Partial<PolaRaw> = {}): PolaRaw => ({
  laptops: 352,
  equipped: { numerator: 540, denominator: 548 },
  effective: { numerator: 548, denominator: 594 },
  managers: { trained: 18, total: 40 },
  remoteWorkers: { trainedRemoteWork: 500, trainedDigital: 270, total: 548 },
  trainingCostCents: 260_000,
  investment: { hardwareCents: 4_800_000, digitalisationCents: 15_500_000 },
  vpn: { enabled: 2, total: 3 },
  attendance: { months: 12, workingDays: 100_000, remoteDays: 31_000, absenceDays: 17_500 },
  ...over,
});

const declared: DeclaredValue[] = [
  {
    indicator: 'coordination_present',
    year: 2022,
    value: { kind: 'presence', present: true },
    note: 'Delibera di Giunta n. 12/2022',
    declaredAt: '2023-01-20T09:00:00.000Z',
    declaredBy: 'rtd',
  },
  {
    indicator: 'digitalised_processes_pct',
    year: 2022,
    value: { kind: 'number', value: 95.5 },
    note: 'Censimento processi',
    declaredAt: '2023-01-20T09:00:00.000Z',
    declaredBy: 'rtd',
  },
  {
    indicator: 'intranet_present',
    year: 2021,
    value: { kind: 'presence', present: true },
    note: 'altro anno',
    declaredAt: '2022-01-10T09:00:00.000Z',
    declaredBy: 'rtd',
  },
];

const build = (year: number, referenceDate: string, over: Partial<PolaRaw> = {}) =>
  buildPola({ year, referenceDate, targets: (id) => ({ ...shipped.of(id), target: shipped.of(id).target(year) }), raw: raw(over), declared });
const pick = (r: ReturnType<typeof build>, id: PolaIndicatorId) => r.indicators.find((i) => i.id === id)!;

describe('the POLA Part 4 report of a year', () => {
  it('lists the 22 indicators in the document’s order, with their names and the six groups', () => {
    const r = build(2022, '2022-12-31');
    expect(r.indicators.map((i) => i.id)).toEqual([...POLA_INDICATOR_IDS]);
    expect(POLA_CATALOG.map((c) => c.id)).toEqual([...POLA_INDICATOR_IDS]);
    expect(r.groups.map((g) => [g.id, g.indicators.length])).toEqual([
      ['organisational_health', 4],
      ['professional_health', 3],
      ['economic_financial_health', 3],
      ['digital_health', 8],
      ['implementation', 3],
      ['organisational_performance', 1],
    ]);
    expect(pick(r, 'laptops_for_remote_work').name).toBe('N. Pc lavoro agile');
  });

  it('2022 with the shipped targets: numbers, bounds, presences, declared values and missing ones', () => {
    const r = build(2022, '2022-12-31');
    expect(pick(r, 'laptops_for_remote_work')).toMatchObject({
      baselineYear: 2020,
      baseline: { kind: 'number', value: 236, text: '236' },
      target: { kind: 'number', value: 350 },
      value: { kind: 'number', value: 352 },
      status: 'met',
      numerator: 352,
      denominator: null,
    });
    expect(pick(r, 'absence_days_pct')).toMatchObject({
      target: { kind: 'bound', op: '<', value: 18, text: '<18%' },
      value: { kind: 'number', value: 17.5 },
      numerator: 17_500,
      denominator: 100_000,
      status: 'met',
      source: 'imported',
    });
    expect(pick(r, 'remote_workers_trained_digital_pct')).toMatchObject({ value: { kind: 'number', value: 49.3 }, status: 'behind' });
    expect(pick(r, 'managers_trained_remote_leadership_pct')).toMatchObject({ target: null, status: 'no_target', value: { kind: 'number', value: 45 } });
    expect(pick(r, 'remote_work_training_cost_eur')).toMatchObject({ value: { kind: 'number', value: 2600 }, status: 'met' });
    expect(pick(r, 'hardware_and_digital_infrastructure_investment_eur')).toMatchObject({ target: { value: 50_000, text: '50.000 €' }, status: 'behind' });
    expect(pick(r, 'vpn_present')).toMatchObject({ value: { kind: 'presence', present: true }, status: 'met', numerator: 2, denominator: 3 });
    expect(pick(r, 'coordination_present')).toMatchObject({
      value: { kind: 'presence', present: true },
      status: 'met',
      declared: { note: 'Delibera di Giunta n. 12/2022', declaredBy: 'rtd' },
      note: null,
    });
    expect(pick(r, 'digitalised_processes_pct')).toMatchObject({ value: { kind: 'number', value: 95.5 }, status: 'behind', numerator: null });
    // Declared for 2021 only: nothing for 2022.
    expect(pick(r, 'intranet_present')).toMatchObject({ value: null, status: 'no_data', declared: null, note: "Nessun valore dichiarato dal RTD per l'anno" });
    expect(pick(r, 'effective_remote_workers_pct')).toMatchObject({ target: null, status: 'no_target', value: { kind: 'number', value: 92.3 } });
  });

  it('2021: n.d and "Attivare rilevazione" targets; no HR totals, no VPN', () => {
    const r = build(2021, '2021-12-31', { attendance: null, vpn: { enabled: 0, total: 1 } });
    expect(pick(r, 'effective_remote_workers_pct')).toMatchObject({ target: { kind: 'not_defined', text: 'n.d' }, status: 'no_target' });
    expect(pick(r, 'managers_satisfied_pct')).toMatchObject({
      baseline: { kind: 'not_measured', text: 'non rilevata' },
      target: { kind: 'action', action: 'Attivare rilevazione' },
      status: 'action_required',
    });
    expect(pick(r, 'absence_days_pct')).toMatchObject({
      value: null,
      status: 'no_data',
      note: "Nessun totale mensile importato dall'ufficio personale per l'anno",
    });
    expect(pick(r, 'vpn_present')).toMatchObject({ value: { kind: 'presence', present: false }, status: 'not_met' });
  });

  it('a year still running: partial HR totals say so; a bound not yet satisfied is behind', () => {
    const r = build(2023, '2023-06-30', { attendance: { months: 5, workingDays: 40_000, remoteDays: 12_000, absenceDays: 8_000 } });
    expect(pick(r, 'absence_days_pct')).toMatchObject({ value: { kind: 'number', value: 20 }, status: 'behind', note: 'Totali importati per 5 mesi su 12' });
    expect(pick(r, 'remote_work_days_pct')).toMatchObject({ value: { kind: 'number', value: 30 }, target: null, status: 'no_target' });
  });

  it('a year the targets file has no column for has no targets, but keeps the baseline', () => {
    const r = build(2030, '2030-12-31');
    expect(r.indicators.every((i) => i.target === null && i.status === 'no_target')).toBe(true);
    expect(pick(r, 'laptops_for_remote_work').baseline).toMatchObject({ value: 236 });
  });

  it('no remote workers: shares are empty with a note, not 0%', () => {
    const r = build(2022, '2022-12-31', { remoteWorkers: { trainedRemoteWork: 0, trainedDigital: 0, total: 0 } });
    expect(pick(r, 'remote_workers_trained_remote_work_pct')).toMatchObject({
      value: null,
      status: 'no_data',
      note: 'Nessun lavoratore agile alla data di riferimento',
    });
  });

  it('"nell\'ultimo anno" is the 12 months ending on the reference date', () => {
    expect(lastTwelveMonths('2022-12-31')).toEqual({ from: '2022-01-01', to: '2022-12-31' });
    expect(lastTwelveMonths('2023-06-15')).toEqual({ from: '2022-06-16', to: '2023-06-15' });
    expect(lastTwelveMonths('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(lastTwelveMonths('2023-01-01')).toEqual({ from: '2022-01-02', to: '2023-01-01' });
  });
});
