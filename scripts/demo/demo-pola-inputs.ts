import { INestApplicationContext } from '@nestjs/common';
import { Actor } from '../../src/common/auth/roles';
import { FixedClock } from '../../src/common/clock';
import { AttendanceTotalsService } from '../../src/kpi/attendance-totals.service';
import { DeclaredValuesService } from '../../src/kpi/declared-values.service';
import { HR, MARK } from './demo-state';
import { Population } from './population';
import { Prng } from './prng';

/**
 * The POLA inputs of the demo (issue 14): what the RTD declared for 2020-2023, near the plan's baselines and targets
 * (`data/pola-indicators-part4.tsv`), each with a short evidence note; and the HR attendance system's monthly totals
 * per service for the same years, one file a year imported the next January: remote-work days about 35% of the
 * working days in 2020 (the seed's baseline), then fewer as offices reopened; absences about 18.8% in 2020, then
 * just under the plan's 18% bound. Idempotent: a declaration already there with the same value and note, and a year
 * already imported in full, are skipped.
 */
export const RTD: Actor = { id: 'demo-rtd', name: 'Responsabile per la transizione digitale (dati dimostrativi)', role: 'rtd' };

type Declared = [indicator: string, byYear: Record<number, number | boolean>, note: (year: number) => string];

const DECLARED: Declared[] = [
  [
    'coordination_present',
    { 2020: true, 2021: true, 2022: true, 2023: true },
    () => 'Gruppo di coordinamento del lavoro agile nominato con decreto del Direttore Generale',
  ],
  [
    'monitoring_present',
    { 2020: false, 2021: true, 2022: true, 2023: true },
    (y) => (y === 2020 ? 'Monitoraggio non ancora avviato nel 2020' : `Relazione di monitoraggio ${y} del gruppo di coordinamento`),
  ],
  ['it_help_desk_present', { 2020: true, 2021: true, 2022: true, 2023: true }, () => 'Hot-line del Sistema Informativo attiva nei giorni lavorativi'],
  ['management_by_objectives_present', { 2020: true, 2021: true, 2022: true, 2023: true }, (y) => `Obiettivi assegnati nel Piano della Performance ${y}`],
  ['intranet_present', { 2020: true, 2021: true, 2022: true, 2023: true }, () => 'Intranet comunale raggiungibile anche via VPN'],
  [
    'collaboration_tools_present',
    { 2020: false, 2021: true, 2022: true, 2023: true },
    (y) => (y === 2020 ? 'Solo posta elettronica e telefono' : 'Piattaforma di videoconferenza e condivisione documenti in uso'),
  ],
  ['apps_reachable_remotely_pct', { 2020: 100, 2021: 100, 2022: 100, 2023: 100 }, (y) => `Censimento applicativi del Sistema Informativo, dicembre ${y}`],
  [
    'databases_reachable_remotely_pct',
    { 2020: 100, 2021: 98, 2022: 100, 2023: 100 },
    (y) => `Censimento banche dati, dicembre ${y}${y === 2021 ? ': una banca dati cartografica solo in sede' : ''}`,
  ],
  ['digitalised_processes_pct', { 2020: 94, 2021: 95, 2022: 96.5, 2023: 97 }, (y) => `Mappatura dei processi digitalizzabili aggiornata al 31/12/${y}`],
  // 2020: never measured (the plan's baseline says "non rilevata"); the survey started in 2021 as the plan asks
  ['managers_satisfied_pct', { 2021: 72, 2022: 78, 2023: 81 }, (y) => `Questionario ai dirigenti e PO, ${y}: quota di risposte soddisfatte`],
];

const YEARS = [2020, 2021, 2022, 2023];
/** Share of working days in remote work, by month (2020: lockdown in March-May, second wave in the autumn): ≈35% in 2020. */
const REMOTE: Record<number, number[]> = {
  2020: [0.01, 0.02, 0.6, 0.65, 0.55, 0.35, 0.3, 0.25, 0.3, 0.4, 0.4, 0.37],
  2021: [0.38, 0.36, 0.4, 0.38, 0.32, 0.28, 0.24, 0.2, 0.26, 0.22, 0.22, 0.24],
  2022: [0.26, 0.25, 0.24, 0.22, 0.22, 0.2, 0.18, 0.16, 0.2, 0.2, 0.2, 0.21],
  2023: [0.21, 0.21, 0.2, 0.2, 0.2, 0.19, 0.18, 0.16, 0.2, 0.2, 0.2, 0.21],
};
/** Absence days as a share of the working days (holidays included), and how it moves through the year (mean 1). */
const ABSENCE: Record<number, number> = { 2020: 0.1877, 2021: 0.179, 2022: 0.176, 2023: 0.173 };
const SEASON = [0.9, 0.9, 0.95, 0.95, 0.9, 0.95, 1.2, 1.5, 0.9, 0.9, 0.95, 1.1];
const HOLIDAYS = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];
const EASTER_MONDAY: Record<number, string> = { 2020: '04-13', 2021: '04-05', 2022: '04-18', 2023: '04-10' };

function workingDaysOf(year: number, month: number): number {
  let n = 0;
  for (let d = new Date(Date.UTC(year, month - 1, 1)); d.getUTCMonth() === month - 1; d.setUTCDate(d.getUTCDate() + 1)) {
    const md = d.toISOString().slice(5, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !HOLIDAYS.includes(md) && EASTER_MONDAY[year] !== md) n += 1;
  }
  return n;
}

const days = (v: number) => (Math.round(v * 10) / 10).toString().replace('.', ',');

/** One year of the attendance system's export: `anno;mese;servizio;…`, one row per service and month. */
export function attendanceCsv(year: number, population: Population): string {
  const services = new Map<string, { people: number; eligible: number }>();
  for (const p of population.people) {
    const s = services.get(p.serviceCode) ?? { people: 0, eligible: 0 };
    s.people += 1;
    if (p.eligible) s.eligible += 1;
    services.set(p.serviceCode, s);
  }
  const eligibleShare = population.people.filter((p) => p.eligible).length / Math.max(1, population.people.length);
  const prng = new Prng(year * 7919);
  const lines = ['anno;mese;servizio;giorni_lavorativi;giorni_lavoro_agile;giorni_assenza'];
  // the season weighted by the working days of its months, so the year comes out at ABSENCE[year]
  const monthDays = SEASON.map((_, i) => workingDaysOf(year, i + 1));
  const seasonMean = SEASON.reduce((sum, f, i) => sum + f * monthDays[i], 0) / monthDays.reduce((a, b) => a + b, 0);
  for (let month = 1; month <= 12; month++) {
    for (const [code, s] of [...services].sort(([a], [b]) => a.localeCompare(b))) {
      const working = s.people * workingDaysOf(year, month);
      const absence = ((working * ABSENCE[year] * SEASON[month - 1]) / seasonMean) * (0.95 + prng.next() * 0.1);
      // services whose people can work remotely more than the average do so more
      const remote = Math.min(working * REMOTE[year][month - 1] * (s.eligible / s.people / eligibleShare), (working - absence) * 0.9);
      lines.push([year, month, code, working, days(remote), days(absence)].join(';'));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Declares the values and imports the totals; answers what it wrote. */
export async function createDemoPolaInputs(
  app: INestApplicationContext,
  clock: FixedClock,
  now: Date,
  population: Population,
): Promise<Record<string, number>> {
  const at = (iso: string) => clock.set(new Date(Math.min(Date.parse(iso), now.getTime() - 60_000)));
  const declaredService = app.get(DeclaredValuesService);
  const attendance = app.get(AttendanceTotalsService);
  const written: Record<string, number> = {};
  // a year is reported the January after it ends: one that has not ended yet is left out
  for (const year of YEARS.filter((y) => y < now.getUTCFullYear())) {
    if ((await attendance.forYear(year))?.months !== 12) {
      at(`${year + 1}-01-12T10:00:00Z`);
      const report = await attendance.import(HR, attendanceCsv(year, population));
      written['HR attendance rows'] = (written['HR attendance rows'] ?? 0) + report.rows;
    }
    const existing = new Map((await declaredService.forYear(year)).map((d) => [d.indicator as string, d]));
    let minute = 0;
    for (const [indicator, byYear, note] of DECLARED) {
      const value = byYear[year];
      if (value === undefined) continue;
      const text = `${note(year)} (${MARK.toLowerCase()})`;
      const had = existing.get(indicator);
      const hadValue = had ? (had.value.kind === 'presence' ? had.value.present : had.value.value) : undefined;
      if (had && hadValue === value && had.note === text) continue;
      at(`${year + 1}-01-25T09:${String(minute++).padStart(2, '0')}:00Z`);
      await declaredService.declare(RTD, String(year), indicator, { value, note: text });
      written['declared values'] = (written['declared values'] ?? 0) + 1;
    }
  }
  return written;
}
